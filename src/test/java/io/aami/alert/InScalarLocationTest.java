package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A problem inside a template's text lands at the same character of the YAML file whichever path
 * reports it: the lint of a template no rule uses, or the expansion of a rule that uses it. Each
 * case writes the text in another YAML style, so that the value's characters are not the file's.
 */
class InScalarLocationTest {
  @TempDir Path root;

  static Stream<Arguments> styles() {
    return Stream.of(
        Arguments.of("folded block", ">\n  Disk on {{ $labels.instance }}\n  is {{ MARK }} full"),
        Arguments.of("literal block", "|-\n  Disk on {{ $labels.instance }}\n  is {{ MARK }} full"),
        Arguments.of(
            "double-quoted with escapes", "\"Disk\\ton \\u00e9 \\\"x\\\" {{ MARK }} full\""),
        Arguments.of(
            "single-quoted on two lines", "'it''s on {{ $labels.instance }}\n  is {{ MARK }}'"),
        Arguments.of("plain on two lines", "Disk on {{ $labels.instance }}\n  is {{ MARK }} full"));
  }

  @ParameterizedTest(name = "annotation, {0}")
  @MethodSource("styles")
  void anAnnotationLintLandsAtTheSameCharacter(String style, String description) {
    String yaml = description.replace("MARK", "$nope");
    String template =
        AlertTestRepos.template(
            "t",
            "DiskFull",
            "warning",
            "disk_used > 90",
            "annotations:\n  description: " + yaml.replace("\n", "\n  "));
    assertBothPathsAt(template, Code.ALERT_TEMPLATE, "$nope");
  }

  @ParameterizedTest(name = "query, {0}")
  @MethodSource("styles")
  void aQueryLintLandsAtTheSameCharacter(String style, String query) {
    String template =
        "apiVersion: aami/v1\nkind: AlertTemplate\nid: t\nname: DiskFull\nseverity: warning\n"
            + "query_template: "
            + query
                .replace("MARK", "$labels.path")
                .replace("Disk", "disk_used >")
                .replace("{{ $labels.instance }}", "90")
            + "\n";
    assertBothPathsAt(template, Code.PLACEHOLDER, "{{ $labels.path");
  }

  private void assertBothPathsAt(String template, Code code, String marker) {
    String expected = "templates/t.yaml:" + lineAndColumn(template, marker);
    assertEquals(List.of(expected), located(Map.of("templates/t.yaml", template), code, "unused"));
    Map<String, String> used = new LinkedHashMap<>();
    used.put("templates/t.yaml", template);
    used.put("policies/r.yaml", AlertTestRepos.rule("r", "t", "gpu", null));
    assertEquals(List.of(expected), located(used, code, "used"));
  }

  private List<String> located(Map<String, String> files, Code code, String name) {
    Path dir = root.resolve(name);
    Repository repository = AlertTestRepos.withFiles(dir, files);
    List<Diagnostic> found = AlertChecks.check(repository, file -> read(dir.resolve(file)));
    return found.stream()
        .filter(d -> d.code().equals(code.id()))
        .map(d -> d.location().file() + ":" + d.location().line() + ":" + d.location().column())
        .toList();
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where {@code marker} is in {@code text}, columns in code points as diagnostics count them. */
  private static String lineAndColumn(String text, String marker) {
    int at = text.indexOf(marker);
    int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return line + ":" + (text.codePointCount(lineStart, at) + 1);
  }
}
