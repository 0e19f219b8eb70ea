package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests of loading plus semantic validation. Each directory under
 * {@code src/test/resources/validate/<case>/} is a tiny repository ({@code templates/},
 * {@code policies/}, {@code inventory/}, optionally {@code aami.yaml}) with an {@code expected.txt}
 * listing every diagnostic, one per line, as {@code file:line:col: severity[code]: message}, sorted
 * like {@code aami validate} reports them; the {@code clean} case expects none.
 *
 * <p>Each case is copied into a temporary directory and loaded from there, because a few need
 * files git cannot carry portably; {@link #PREPARATIONS} creates them (invalid UTF-8 bytes,
 * symlinks out of the repository).
 *
 * <p>To regenerate every {@code expected.txt} after an intended change of messages, run
 * {@code mvn -B test -Dtest=ValidateFixturesTest -Daami.updateGolden=true} and review the diff.
 */
class ValidateFixturesTest {
  private static final Path CASES = Fixtures.projectDir().resolve("src/test/resources/validate");
  private static final boolean UPDATE = Boolean.getBoolean("aami.updateGolden");

  /** Content that must be created at test time, by case name; gets the repository and a directory outside it. */
  private static final Map<String, Preparation> PREPARATIONS = Map.of(
      "yaml-invalid-utf8", (repo, outside) -> Fixtures.write(repo.resolve("inventory/groups.yaml"),
          Fixtures.bytes("apiVersion: aami/v1\nkind: Group\nid: gpu-cluster\n"
              + "description: \"Caf", 0xC3, 0x28, "\"\n")),
      "script-file-symlink-escape", (repo, outside) -> {
        Fixtures.write(outside.resolve("secret.sh"), "#!/bin/sh\necho secret\n".getBytes(StandardCharsets.UTF_8));
        Fixtures.write(outside.resolve("group.yaml"),
            "apiVersion: aami/v1\nkind: Group\nid: outside\n".getBytes(StandardCharsets.UTF_8));
        symlink(repo.resolve("templates/escape.sh"), outside.resolve("secret.sh"));
        symlink(repo.resolve("inventory/outside.yaml"), outside.resolve("group.yaml"));
      });

  @FunctionalInterface
  interface Preparation {
    void prepare(Path repo, Path outside) throws IOException;
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnosticsMatchExpected(String name, @TempDir Path temp) throws IOException {
    Path repo = temp.resolve("repo");
    Path outside = temp.resolve("outside");
    Files.createDirectories(outside);
    Fixtures.copyTree(CASES.resolve(name), repo, "expected.txt");
    Preparation preparation = PREPARATIONS.get(name);
    if (preparation != null) {
      preparation.prepare(repo, outside);
    }

    List<Diagnostic> diagnostics = validate(repo);
    String actual = Fixtures.render(diagnostics);

    Path expectedFile = CASES.resolve(name).resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, "diagnostics of case " + name);
    assertEquals(new HashSet<>(diagnostics).size(), diagnostics.size(), "a diagnostic is reported twice");
    if (!name.equals("clean")) {
      assertTrue(!diagnostics.isEmpty(), "a failing fixture must fail");
    }
  }

  static List<Diagnostic> validate(Path repo) throws IOException {
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(repo));
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    all.addAll(new Validator().check(loaded));
    all.sort(Diagnostic.ORDER);
    return all;
  }

  private static void symlink(Path link, Path target) throws IOException {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | SecurityException e) {
      assumeTrue(false, "symlinks are not supported here: " + e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
