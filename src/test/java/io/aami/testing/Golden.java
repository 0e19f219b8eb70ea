package io.aami.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Golden-file support. Cases live in {@code src/test/resources/golden/<area>/<case>/} with an
 * {@code input/} directory and an {@code expected/} directory. Run the tests with {@code
 * -Daami.updateGolden=true} to rewrite every {@code expected/} from the current output; review the
 * diff before committing it.
 */
public final class Golden {
  public static final boolean UPDATE = Boolean.getBoolean("aami.updateGolden");

  private Golden() {}

  public static Path projectDir() {
    return Path.of(System.getProperty("aami.projectDir", ".")).toAbsolutePath().normalize();
  }

  /** The case directories of one area, sorted, for a parameterized test's source. */
  public static List<Path> cases(String area) {
    Path root = projectDir().resolve("src/test/resources/golden").resolve(area);
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compares {@code actual} (relative path to text) with the case's expected directory. */
  public static void assertMatches(Path caseDir, Map<String, String> actual) throws IOException {
    Path expectedDir = caseDir.resolve("expected");
    if (UPDATE) {
      Trees.deleteRecursively(expectedDir);
      for (Map.Entry<String, String> e : actual.entrySet()) {
        Path file = expectedDir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
      return;
    }
    if (!Files.isDirectory(expectedDir)) {
      fail("missing " + expectedDir + "; run with -Daami.updateGolden=true to create it");
    }
    Map<String, String> expected = Trees.readTextTree(expectedDir);
    assertEquals(
        expected.keySet(), new TreeMap<>(actual).keySet(), "files of " + caseDir.getFileName());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(
          e.getValue(),
          actual.get(e.getKey()),
          caseDir.getFileName()
              + "/"
              + e.getKey()
              + " differs (regenerate with -Daami.updateGolden=true)");
    }
  }
}
