package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.alert.AlertTestRepos;
import io.aami.model.Repository;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What a rendered rule <em>means</em>, checked by Prometheus's own rule evaluator ({@code promtool
 * test rules}) on hand-written series: a hostile parameter value reaches the query unchanged inside
 * double- and single-quoted literals, a parameter stays a regex, a dotted group id in an {@code
 * aami_groups} regex matches only itself, a matcher without a value no longer restricts the
 * selector, and Prometheus fills in the templates aami passed through. Skipped where promtool is
 * not on the PATH.
 */
class PromtoolEvaluationTest {
  private static final String HOSTILE = "C:\\temp \"quoted\" it's";

  @TempDir Path dir;

  /** A label value in PromQL series notation, escaped by hand so as not to test aami with aami. */
  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String series(String instance, String path, String mount, String groups) {
    return "probe_failed{instance=\""
        + instance
        + "\", path="
        + quoted(path)
        + ", note="
        + quoted(path)
        + ", mount="
        + quoted(mount)
        + ", aami_groups="
        + quoted(groups)
        + "}";
  }

  @Test
  void renderedRulesSelectExactlyTheSeriesTheyMeanAndPrometheusFillsInTheTemplates()
      throws Exception {
    Tools.assumeOnPath("promtool");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("inventory/groups.yaml", "apiVersion: aami/v1\nkind: Group\nid: edge.lab\n");
    files.put(
        "templates/probe.yaml",
        AlertTestRepos.template(
            "probe",
            "ProbeFailed",
            "warning",
            "probe_failed{path=\"{{ .path }}\", note='{{ .path }}', mount=~\"{{ .pattern }}\","
                + " aami_groups=~\".*,{{ .group_id }},.*\", device=\"{{ .device }}\"} == 1",
            """
        device: null
        annotations:
          summary: "{{ $labels.path }} failed on {{ $labels.instance }} ({{ humanize $value }}) in {{ .group_name }}"
        """));
    files.put(
        "policies/probe.yaml",
        AlertTestRepos.rule(
            "probe-edge",
            "probe",
            "edge.lab",
            "for_duration: 1m\npath: "
                + AlertTestRepos.yamlString(HOSTILE)
                + "\npattern: /mnt/(a|b)\n"));
    Repository repo = AlertTestRepos.write(dir.resolve("repo"), files);
    Path rules = dir.resolve("edge.lab.yaml");
    Files.writeString(
        rules,
        AlertRepos.renderAll(repo).get("prometheus/rules/edge.lab.yaml"),
        StandardCharsets.UTF_8);

    Map<String, Object> expectedLabels =
        new TreeMap<>(
            Map.of(
                "instance",
                "selected",
                "path",
                HOSTILE,
                "note",
                HOSTILE,
                "mount",
                "/mnt/a",
                "aami_groups",
                ",edge.lab,",
                "group_id",
                "edge.lab",
                "severity",
                "warning"));
    Map<String, Object> test = new LinkedHashMap<>();
    test.put("rule_files", List.of(rules.toString()));
    test.put("evaluation_interval", "1m");
    test.put(
        "tests",
        List.of(
            Map.of(
                "interval", "1m",
                "input_series",
                    List.of(
                        Map.of(
                            "series",
                            series("selected", HOSTILE, "/mnt/a", ",edge.lab,"),
                            "values",
                            "1x5"),
                        Map.of(
                            "series",
                            series("other-group", HOSTILE, "/mnt/a", ",edgeXlab,"),
                            "values",
                            "1x5"),
                        Map.of(
                            "series",
                            series("other-mount", HOSTILE, "/mnt/c", ",edge.lab,"),
                            "values",
                            "1x5"),
                        Map.of(
                            "series",
                            series("other-path", "C:\\temp", "/mnt/b", ",x,edge.lab,"),
                            "values",
                            "1x5")),
                "alert_rule_test",
                    List.of(
                        Map.of(
                            "eval_time", "3m",
                            "alertname", "ProbeFailed_edge_lab",
                            "exp_alerts",
                                List.of(
                                    Map.of(
                                        "exp_labels",
                                        expectedLabels,
                                        "exp_annotations",
                                        Map.of(
                                            "summary",
                                            HOSTILE + " failed on selected (1) in edge.lab"))))))));
    Path testFile = dir.resolve("test.yaml");
    Files.writeString(testFile, new Yaml().dump(test), StandardCharsets.UTF_8);

    ProcessResult result =
        Processes.run(List.of("promtool", "test", "rules", testFile.toString()), null, dir);
    assertEquals(0, result.exitCode(), Files.readString(rules) + result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("SUCCESS"), result.stdout());
  }
}
