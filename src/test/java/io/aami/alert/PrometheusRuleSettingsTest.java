package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.model.Settings;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PrometheusRuleSettingsTest {
  private static PrometheusRuleSettings.Parsed parse(String yaml) {
    ParsedYaml parsed = YamlReader.read("aami.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), parsed.diagnostics());
    return PrometheusRuleSettings.parse(
        new Settings("aami.yaml", Optional.of((YMap) parsed.documents().get(0))));
  }

  private static List<String> problems(String yaml) {
    return parse(yaml).diagnostics().stream()
        .map(d -> d.line() + ":" + d.column() + " " + d.severity().label() + " " + d.message())
        .toList();
  }

  @Test
  void noFileOrNoSectionMeansDefaults() {
    assertEquals(
        PrometheusRuleSettings.DEFAULT, PrometheusRuleSettings.parse(Settings.DEFAULT).settings());
    assertEquals(PrometheusRuleSettings.DEFAULT, parse("publish:\n  base_url: x\n").settings());
  }

  @Test
  void fullSectionIsRead() {
    PrometheusRuleSettings s =
        parse(
                """
        prometheus_rule:
          namespace: monitoring
          name_prefix: team-a.
          labels:
            release: prometheus
            example.com/tier: "1"
          annotations:
            owner: "Infra team <infra@example.com>"
        """)
            .settings();
    assertEquals(Optional.of("monitoring"), s.namespace());
    assertEquals("team-a.", s.namePrefix());
    assertEquals(
        new TreeMap<>(Map.of("release", "prometheus", "example.com/tier", "1")), s.labels());
    assertEquals(Map.of("owner", "Infra team <infra@example.com>"), s.annotations());
  }

  @Test
  void everyInvalidFieldIsReportedAtItsNode() {
    assertEquals(
        List.of(
            "2:3 error unknown field 'namspace' in prometheus_rule; known: annotations, labels, name_prefix,"
                + " namespace; did you mean 'namespace'?",
            "3:16 error name_prefix 'Aami_' must be empty or start with a lowercase letter or digit and hold"
                + " only lowercase letters, digits, '-' and '.' (at most 200 characters)",
            "5:5 error '-bad' is not a Kubernetes label key ([prefix/]name: name at most 63 characters of"
                + " letters, digits, '-', '_', '.', starting and ending with a letter or digit; prefix a DNS"
                + " subdomain)",
            "6:14 error prometheus_rule.labels.version must be a string, not number; quote it",
            "7:9 error 'has space' is not a Kubernetes label value (at most 63 characters of letters,"
                + " digits, '-', '_', '.', starting and ending with a letter or digit, or empty)",
            "8:16 error prometheus_rule.annotations must be a mapping, not array"),
        problems(
            """
            prometheus_rule:
              namspace: monitoring
              name_prefix: Aami_
              labels:
                -bad: x
                version: 1.0
                ok: has space
              annotations: [a]
            """));
  }

  @Test
  void invalidValuesFallBackToDefaults() {
    PrometheusRuleSettings s =
        parse("prometheus_rule:\n  namespace: Bad_NS\n  name_prefix: X\n").settings();
    assertEquals(Optional.empty(), s.namespace());
    assertEquals("aami-", s.namePrefix());
  }

  @Test
  void aMistypedSectionNameWarns() {
    List<Diagnostic> ds = parse("prometheus_rules:\n  namespace: x\n").diagnostics();
    assertEquals(1, ds.size());
    assertEquals(
        "section 'prometheus_rules' is not read by aami; did you mean 'prometheus_rule'?",
        ds.get(0).message());
    assertEquals("warning", ds.get(0).severity().label());
  }

  @Test
  void sectionMustBeAMapping() {
    assertEquals(
        List.of("1:18 error prometheus_rule must be a mapping, not string"),
        problems("prometheus_rule: monitoring\n"));
  }
}
