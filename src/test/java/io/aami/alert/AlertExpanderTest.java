package io.aami.alert;

import static io.aami.alert.AlertTestRepos.directRule;
import static io.aami.alert.AlertTestRepos.rule;
import static io.aami.alert.AlertTestRepos.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertSeverity;
import io.aami.model.AlertTemplate;
import io.aami.model.Repository;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertExpanderTest {
  @TempDir Path dir;

  private static final String MOUNT_TEMPLATE =
      template(
          "mount",
          "MountPointUnavailable",
          "critical",
          "mount_check{path=\"{{.mount_path}}\", group_id=\"{{.group_id}}\"} == 0",
          """
          for_duration: 5m
          labels:
            team: infra
            component: storage
          annotations:
            summary: "마운트 포인트 {{ $labels.path }} 접근 불가"
            description: "{{ $labels.instance }}에서 {{ $labels.path }}가 {{ .for_duration }} 이상 접근 불가 상태입니다."
          """);

  private ExpandedAlert expand(Repository repo, String ruleId) {
    AlertRule rule =
        repo.alertRules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
    AlertExpander.Expansion e = new AlertExpander(repo).expand(rule).orElseThrow();
    assertEquals(java.util.List.of(), e.diagnostics());
    return e.alert().orElseThrow();
  }

  @Test
  void seedStepSixForTheGpuCluster() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            MOUNT_TEMPLATE
                + "---\n"
                + rule(
                    "mount-gpu",
                    "mount",
                    "gpu",
                    """
        for_duration: 2m
        labels:
          severity: critical
          escalation: immediate
        """));
    ExpandedAlert a = expand(repo, "mount-gpu");
    assertEquals("MountPointUnavailable_gpu-cluster", a.alertName());
    assertEquals("mount_check{group_id=\"gpu\"} == 0", a.expr());
    assertEquals("2m", a.forDuration());
    assertEquals(
        new TreeMap<>(
            Map.of(
                "severity",
                "critical",
                "group_id",
                "gpu",
                "team",
                "infra",
                "component",
                "storage",
                "escalation",
                "immediate")),
        a.labels());
    assertEquals(
        new TreeMap<>(
            Map.of(
                "summary",
                "마운트 포인트 {{ $labels.path }} 접근 불가",
                "description",
                "{{ $labels.instance }}에서 {{ $labels.path }}가 2m 이상 접근 불가 상태입니다.")),
        a.annotations());
  }

  @Test
  void severityPrecedenceRuleLabelThenRuleSeverityThenTemplate() {
    String templates =
        template("t-plain", "Plain", "critical", "up == 0", null)
            + "---\n"
            + template("t-labelled", "Labelled", "critical", "up == 0", "labels:\n  severity: info")
            + "---\n";
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            templates
                + rule("from-template", "t-plain", "gpu", null)
                + "---\n"
                + rule("template-label", "t-labelled", "gpu", null)
                + "---\n"
                + rule("rule-label", "t-labelled", "db", "labels:\n  severity: warning")
                + "---\n"
                + directRule("direct", "gpu", "Direct", "warning", "up == 0", null)
                + "---\n"
                + directRule(
                    "direct-label",
                    "db",
                    "Direct",
                    "warning",
                    "up == 0",
                    "labels:\n  severity: critical"));
    assertEquals("critical", expand(repo, "from-template").labels().get("severity"));
    assertEquals("info", expand(repo, "template-label").labels().get("severity"));
    assertEquals("warning", expand(repo, "rule-label").labels().get("severity"));
    assertEquals("warning", expand(repo, "direct").labels().get("severity"));
    assertEquals("critical", expand(repo, "direct-label").labels().get("severity"));
  }

  @Test
  void groupIdLabelIsAlwaysTheRulesGroup() {
    AlertTemplate t =
        new AlertTemplate(
            "t",
            "T",
            null,
            AlertSeverity.INFO,
            "up == 0",
            new AlertConfig(null, Map.of("group_id", "from-template"), Map.of(), Map.of()),
            AlertTestRepos.origin("templates/t.yaml", template("t", "T", "info", "up == 0", null)),
            java.util.Optional.empty());
    AlertRule r =
        new AlertRule(
            "r",
            "gpu",
            true,
            100,
            new AlertRule.FromTemplate("t"),
            new AlertConfig(null, Map.of("group_id", "from-rule"), Map.of(), Map.of()),
            false,
            null,
            AlertTestRepos.origin("policies/r.yaml", rule("r", "t", "gpu", null)));
    Repository repo = AlertTestRepos.models(java.util.List.of(t), java.util.List.of(r));
    assertEquals("gpu", expand(repo, "r").labels().get("group_id"));
  }

  @Test
  void directRuleWithoutForDurationHasNoFor() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            directRule(
                "d",
                "db",
                "HighDiskUsage",
                "critical",
                "disk_usage_percent{group_id=\"{{.group_id}}\"} > 70",
                null));
    ExpandedAlert a = expand(repo, "d");
    assertNull(a.forDuration());
    assertEquals("HighDiskUsage_db", a.alertName());
    assertEquals("disk_usage_percent{group_id=\"db\"} > 70", a.expr());
  }

  @Test
  void labelValuesRenderPlaceholdersToo() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            template(
                    "t",
                    "T",
                    "info",
                    "up == 0",
                    "labels:\n  owner: \"{{ .group_name }} team\"\n  summary_ref: \"{{ $labels.instance }}\"")
                + "---\n"
                + rule("r", "t", "gpu", null));
    ExpandedAlert a = expand(repo, "r");
    assertEquals("gpu-cluster team", a.labels().get("owner"));
    assertEquals("{{ $labels.instance }}", a.labels().get("summary_ref"));
  }

  @Test
  void unresolvedReferencesAreSkippedNotReported() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            rule("r1", "missing-template", "gpu", null)
                + "---\n"
                + directRule("r2", "missing-group", "X", "info", "up", null));
    AlertExpander expander = new AlertExpander(repo);
    for (AlertRule r : repo.alertRules()) {
      assertEquals(Optional.empty(), expander.expand(r), r.id());
    }
  }

  @Test
  void failuresComeBackAsLocatedProblemsAndNoAlert() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            template(
                    "t",
                    "T",
                    "info",
                    "m > {{ .threshold }}",
                    "threshold: null\nannotations:\n  summary: \"{{ .nope }}\"")
                + "---\n"
                + rule("r", "t", "gpu", null));
    AlertExpander.Expansion e =
        new AlertExpander(repo).expand(repo.alertRules().get(0)).orElseThrow();
    assertTrue(e.alert().isEmpty());
    assertEquals(2, e.diagnostics().size(), e.diagnostics().toString());
    assertTrue(e.diagnostics().stream().allMatch(d -> d.file().equals("policies/alerts.yaml")));
    assertTrue(
        e.diagnostics().stream()
            .anyMatch(d -> d.message().contains("placeholder 'threshold' has no value")));
    assertTrue(
        e.diagnostics().stream().anyMatch(d -> d.message().contains("unknown placeholder 'nope'")));
  }
}
