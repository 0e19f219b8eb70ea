package io.aami.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conventions of docs/ARCHITECTURE.md that a reader of one file cannot see being broken: only
 * the CLI knows picocli and the process, and the core never prints.
 */
class LayeringTest {
  private static final Path MAIN = Golden.projectDir().resolve("src/main/java/io/aami");
  private static final Pattern PICOCLI_OR_CLI =
      Pattern.compile("\\bpicocli\\.|\\bio\\.aami\\.cli\\b");
  private static final Pattern PRINTS =
      Pattern.compile("\\bSystem\\.(out|err|exit)\\b|printStackTrace\\(\\)");

  @Test
  void onlyTheCliPackageUsesPicocliOrTheCli() throws IOException {
    assertEquals(
        List.of(), offenders(PICOCLI_OR_CLI, file -> !file.startsWith(MAIN.resolve("cli"))));
  }

  /**
   * The PromQL front end is a library of its own: {@code alert} imports it, never the reverse, and
   * no fully qualified name reaches around the imports (aami's placeholders are holes it is told
   * about, see {@code QueryTemplate.Holes}).
   */
  @Test
  void thePromqlPackageDependsOnNothingElseOfAami() throws IOException {
    Pattern otherAami = Pattern.compile("\\bio\\.aami\\.(?!promql\\b)");
    assertEquals(List.of(), offenders(otherAami, file -> file.startsWith(MAIN.resolve("promql"))));
  }

  @Test
  void nothingButMainTouchesTheProcessStreamsOrExits() throws IOException {
    assertEquals(List.of(), offenders(PRINTS, file -> !file.equals(MAIN.resolve("cli/Main.java"))));
  }

  @Test
  void theTrustPackageDependsOnlyOnTheJdkAndDigest() throws IOException {
    Pattern otherAami = Pattern.compile("^import (static )?io\\.aami\\.(?!digest\\.|trust\\.)");
    assertEquals(List.of(), offenders(otherAami, file -> file.startsWith(MAIN.resolve("trust"))));
  }

  private static List<String> offenders(
      Pattern forbidden, java.util.function.Predicate<Path> applies) throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        if (!applies.test(file)) {
          continue;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          if (forbidden.matcher(lines.get(i)).find()) {
            offenders.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    return offenders;
  }
}
