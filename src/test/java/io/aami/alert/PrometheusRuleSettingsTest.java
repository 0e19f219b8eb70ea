package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.load.LoadResult;
import io.aami.model.Settings;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prometheus_rule section of aami.yaml, bound through the settings schema. */
class PrometheusRuleSettingsTest {
  @TempDir Path dir;

  private LoadResult load(String yaml) {
    return new TestRepo(dir).file("aami.yaml", yaml).loadResult();
  }

  private PrometheusRuleSettings settings(String yaml) {
    return PrometheusRuleSettings.of(load(yaml).repository().settings());
  }

  private List<String> problems(String yaml) {
    return load(yaml).diagnostics().stream()
        .map(
            d ->
                d.file()
                    + ":"
                    + d.line()
                    + ":"
                    + d.column()
                    + " "
                    + d.severity().label()
                    + "["
                    + d.code()
                    + "] "
                    + d.message())
        .toList();
  }

  @Test
  void noFileOrNoSectionMeansDefaults() {
    assertEquals(PrometheusRuleSettings.DEFAULT, PrometheusRuleSettings.of(Settings.DEFAULT));
    assertEquals(PrometheusRuleSettings.DEFAULT, settings("publish:\n  inline_checks: true\n"));
    assertEquals(PrometheusRuleSettings.DEFAULT, settings("prometheus_rule:\n"));
  }

  @Test
  void fullSectionIsRead() {
    PrometheusRuleSettings s =
        settings(
            """
            prometheus_rule:
              namespace: monitoring
              name_prefix: team-a.
              labels:
                release: prometheus
                example.com/tier: "1"
              annotations:
                owner: "Infra team <infra@example.com>"
            """);
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
            "aami.yaml:2:3 error[settings] unknown field 'namspace'; did you mean 'namespace'?",
            "aami.yaml:3:16 error[settings] invalid value 'Aami_': must be empty or start with a"
                + " lowercase letter or digit and hold only lowercase letters, digits, '-' and '.'",
            "aami.yaml:5:5 error[settings] invalid label key '-bad': must be a Kubernetes key,"
                + " [prefix/]name: a name of at most 63 letters, digits, '-', '_' and '.', starting"
                + " and ending with a letter or digit, after an optional DNS subdomain prefix",
            "aami.yaml:6:14 error[settings] 'prometheus_rule.labels.version' must be a string, but"
                + " YAML reads 1.0 as a number; quote it: \"1.0\"",
            "aami.yaml:7:9 error[settings] invalid value 'has space': must be a Kubernetes label"
                + " value: letters, digits, '-', '_' and '.', starting and ending with a letter or"
                + " digit, or empty",
            "aami.yaml:8:16 error[settings] 'prometheus_rule.annotations' must be a mapping,"
                + " not a list"),
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
  void invalidValuesAreLeftOutAndTheRestApplies() {
    PrometheusRuleSettings s =
        settings(
            """
            prometheus_rule:
              namespace: Bad_NS
              name_prefix: X
              labels: {release: prometheus, -bad: x}
            """);
    assertEquals(Optional.empty(), s.namespace());
    assertEquals("aami-", s.namePrefix());
    assertEquals(Map.of("release", "prometheus"), s.labels());
  }

  @Test
  void aMistypedSectionNameIsAnErrorWithTheFix() {
    assertEquals(
        List.of(
            "aami.yaml:1:1 error[settings] unknown field 'prometheus_rules'; did you mean"
                + " 'prometheus_rule'?"),
        problems("prometheus_rules:\n  namespace: x\n"));
  }

  @Test
  void sectionMustBeAMapping() {
    assertEquals(
        List.of(
            "aami.yaml:1:18 error[settings] 'prometheus_rule' must be a mapping, not the"
                + " string monitoring"),
        problems("prometheus_rule: monitoring\n"));
  }
}
