package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.alert.AlertPlan;
import io.aami.alert.AlertTestRepos;
import io.aami.alert.ExpandedAlert;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The YAML aami writes reads back as exactly the values it meant, in a stable format. */
class RenderedYamlTest {
  @TempDir Path dir;

  static Stream<Path> cases() throws IOException {
    return AlertRepos.goldenCases().stream();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yaml) {
    return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(Map<String, Object> groupsHolder) {
    List<Map<String, Object>> groups = (List<Map<String, Object>>) groupsHolder.get("groups");
    assertEquals(1, groups.size());
    return (List<Map<String, Object>>) groups.get(0).get("rules");
  }

  private static Map<String, Object> expected(ExpandedAlert a) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", a.alertName());
    rule.put("expr", a.expr());
    if (a.forDuration() != null) {
      rule.put("for", a.forDuration());
    }
    if (a.keepFiringFor() != null) {
      rule.put("keep_firing_for", a.keepFiringFor());
    }
    rule.put("labels", a.labels());
    if (!a.annotations().isEmpty()) {
      rule.put("annotations", a.annotations());
    }
    return rule;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFilesAndCrdsReadBackAsTheExpandedAlerts(Path caseDir) {
    Repository repo = AlertRepos.load(caseDir.resolve("input"));
    Map<String, String> rendered = AlertRepos.renderAll(repo);
    for (AlertPlan.GroupAlerts group : AlertPlan.build(repo)) {
      String id = group.group().id();
      Map<String, Object> ruleFile = parse(rendered.get("prometheus/rules/" + id + ".yaml"));
      Map<String, Object> crd = parse(rendered.get("prometheus/operator/" + id + ".yaml"));
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
      assertEquals(
          ruleFile.get("groups"), spec.get("groups"), "CRD and rule file carry the same groups");
      // Recording rules (RecordingRulesAndNamingTest, the recording-rules golden case) are not
      // alerts.
      List<Map<String, Object>> rules =
          rules(ruleFile).stream().filter(r -> r.containsKey("alert")).toList();
      assertEquals(group.alerts().stream().map(RenderedYamlTest::expected).toList(), rules);
      List<String> order =
          List.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
      for (Map<String, Object> rule : rules) {
        List<String> keys = List.copyOf(rule.keySet());
        assertEquals(
            order.stream().filter(keys::contains).toList(), keys, "keys in Prometheus's order");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatIsStable(Path caseDir) {
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(caseDir.resolve("input")));
    for (Map.Entry<String, String> f : rendered.entrySet()) {
      String text = f.getValue();
      assertTrue(
          text.endsWith("\n") && !text.endsWith("\n\n"), f.getKey() + " ends in one newline");
      assertFalse(text.contains("\t") || text.contains("\r"), f.getKey());
      assertFalse(text.contains("<no value>"), f.getKey());
      for (String line : text.split("\n", -1)) {
        int indent = line.length() - line.stripLeading().length();
        assertEquals(0, indent % 2, f.getKey() + ": 2-space indentation: " + line);
        assertFalse(line.endsWith(" "), f.getKey() + ": trailing space: " + line);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renderingTwiceGivesIdenticalBytes(Path caseDir) {
    Path input = caseDir.resolve("input");
    List<RenderedFile> first = AlertRepos.renderFiles(AlertRepos.load(input));
    List<RenderedFile> second = AlertRepos.renderFiles(AlertRepos.load(input));
    assertEquals(
        first.stream().map(RenderedFile::path).toList(),
        second.stream().map(RenderedFile::path).toList());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i).content(), second.get(i).content(), first.get(i).path());
    }
  }

  /**
   * kubectl's Go YAML library reads these plain scalars as numbers or booleans (and would send one
   * where the CRD wants a string label), although a YAML 1.1 reader sees strings: they are quoted,
   * label names included.
   */
  @Test
  void stringsThatGoReadsAsNumbersOrBooleansAreQuoted() {
    List<String> values =
        List.of(
            "0X1F",
            "0x1f.8p1",
            "0B101",
            "0o17",
            "0O1_7",
            "-0o17",
            "+Inf",
            "-infinity",
            "+NaN",
            "y",
            "N");
    StringBuilder labels = new StringBuilder("labels:\n");
    for (int i = 0; i < values.size(); i++) {
      labels
          .append("  l")
          .append(i)
          .append(": ")
          .append(AlertTestRepos.yamlString(values.get(i)))
          .append('\n');
    }
    labels.append("  plain: Inf\n  duration: 5m\n  \"y\": \"n\"\n");
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            AlertTestRepos.directRule(
                "r", "db", "GoNumbers", "info", "up == 0", labels.toString()));
    String text = AlertRepos.renderAll(repo).get("prometheus/operator/db.yaml");
    for (int i = 0; i < values.size(); i++) {
      assertTrue(
          text.contains("l" + i + ": '" + values.get(i) + "'\n"), values.get(i) + " in\n" + text);
    }
    assertTrue(text.contains("plain: Inf\n"), "Go reads an unsigned Inf as a string: " + text);
    assertTrue(text.contains("'y': 'n'\n"), text);
    assertTrue(text.contains("duration: 5m\n"), text);
  }

  @Test
  void awkwardStringsSurviveTheRoundTrip() {
    List<String> values =
        List.of(
            "yes",
            "No",
            "1.0",
            "0x1F",
            "null",
            "~",
            "",
            " leading space",
            "trailing space ",
            "key: value",
            "# not a comment",
            "a #b",
            "*alias",
            "&anchor",
            "!tag",
            "- dash",
            "? q",
            "'single'",
            "\"double\"",
            "{{ $labels.x }} first",
            "[list]",
            "{map}",
            "%percent",
            "@at",
            "`tick`",
            "line1\nline2",
            "ends with newline\n",
            "  indented\nblock",
            "tab\tinside",
            "é 한국어 😀",
            "2024-01-01",
            "12:30",
            "\u0085next-line",
            "line\u2028separator",
            "back\\slash",
            "nul\u0000",
            "bell\u0007",
            "\ufeffbom",
            "del\u007f",
            "multi\nline with \u0001 control");
    StringBuilder annotations = new StringBuilder("annotations:\n");
    for (int i = 0; i < values.size(); i++) {
      annotations
          .append("  a")
          .append(i)
          .append(": ")
          .append(AlertTestRepos.yamlString(values.get(i)))
          .append('\n');
    }
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            AlertTestRepos.directRule(
                "r", "db", "Awkward", "info", "up == 0", annotations.toString()));
    Map<String, String> rendered = AlertRepos.renderAll(repo);
    @SuppressWarnings("unchecked")
    Map<String, Object> read =
        (Map<String, Object>)
            rules(parse(rendered.get("prometheus/rules/db.yaml"))).get(0).get("annotations");
    for (int i = 0; i < values.size(); i++) {
      assertEquals(values.get(i), read.get("a" + i), "value " + i);
    }
  }
}
