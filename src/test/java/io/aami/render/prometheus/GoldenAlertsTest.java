package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.alert.AlertChecks;
import io.aami.alert.RecordingRuleChecks;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every {@code golden/alerts/<case>/input} repository renders exactly the tree in
 * {@code <case>/expected}, and {@code aami validate}'s alert and recording rule checks print
 * exactly {@code <case>/diagnostics.txt}. Run with {@code -Daami.updateGolden=true} to rewrite both
 * after an intended change, then review the diff.
 */
class GoldenAlertsTest {
  private static final boolean UPDATE = Boolean.getBoolean("aami.updateGolden");

  static Stream<Path> cases() throws IOException {
    return AlertRepos.goldenCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheExpectedTree(Path dir) throws IOException {
    Repository repository = AlertRepos.load(dir.resolve("input"));
    Map<String, String> actual = AlertRepos.renderAll(repository);
    Path expectedDir = dir.resolve("expected");
    if (UPDATE) {
      writeTree(expectedDir, actual);
    }
    assertEquals(readTree(expectedDir), actual, "rendered tree of " + dir.getFileName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheExpectedDiagnostics(Path dir) throws IOException {
    Repository repository = AlertRepos.load(dir.resolve("input"));
    List<Diagnostic> diagnostics = new java.util.ArrayList<>(AlertChecks.check(repository));
    diagnostics.addAll(RecordingRuleChecks.check(repository, file -> java.util.Optional.empty()));
    diagnostics.sort(Diagnostic.ORDER);
    String actual =
        diagnostics.stream()
            .map(AlertRepos::format)
            .collect(Collectors.joining("\n", "", diagnostics.isEmpty() ? "" : "\n"));
    Path expected = dir.resolve("diagnostics.txt");
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
  }

  private static Map<String, String> readTree(Path root) throws IOException {
    return Files.isDirectory(root) ? Trees.readTextTree(root) : new TreeMap<>();
  }

  private static void writeTree(Path root, Map<String, String> tree) throws IOException {
    Trees.deleteRecursively(root);
    for (Map.Entry<String, String> f : tree.entrySet()) {
      Path path = root.resolve(f.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
    }
  }
}
