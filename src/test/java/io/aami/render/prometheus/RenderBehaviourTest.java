package io.aami.render.prometheus;

import static io.aami.alert.AlertTestRepos.directRule;
import static io.aami.alert.AlertTestRepos.rule;
import static io.aami.alert.AlertTestRepos.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.alert.AlertRenderException;
import io.aami.alert.AlertTestRepos;
import io.aami.model.Repository;
import io.aami.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderBehaviourTest {
  @TempDir Path dir;

  private static List<String> ruleFiles(Map<String, String> rendered) {
    return rendered.keySet().stream().filter(p -> !p.startsWith(FileSdRenderer.DIRECTORY)).toList();
  }

  @Test
  void disabledRulesRenderNothing() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            directRule("disabled", "gpu", "Disabled", "info", "up == 0", null)
                    .replace("group_id: gpu\n", "group_id: gpu\nenabled: false\n")
                + "---\n"
                + directRule("enabled", "db", "Enabled", "info", "up == 0", null)
                + "---\n"
                + directRule("disabled-too", "db", "DisabledToo", "info", "up == 1", null)
                    .replace("group_id: db\n", "group_id: db\nenabled: false\n"));
    Map<String, String> rendered = AlertRepos.renderAll(repo);
    assertEquals(
        List.of(
            "prometheus/mimir/db.yaml", "prometheus/operator/db.yaml", "prometheus/rules/db.yaml"),
        ruleFiles(rendered));
    assertTrue(rendered.get("prometheus/rules/db.yaml").contains("alert: Enabled_db"));
    assertFalse(rendered.get("prometheus/rules/db.yaml").contains("DisabledToo"));
  }

  @Test
  void groupsWithoutEnabledRulesGetNoRuleFilesAndRemovedRulesLeaveNoFiles() throws Exception {
    Repository before =
        AlertTestRepos.withAlerts(
            dir,
            directRule("a", "gpu", "A", "info", "up == 0", null)
                + "---\n"
                + directRule("b", "db", "B", "info", "up == 0", null));
    assertEquals(
        List.of(
            "prometheus/mimir/db.yaml",
            "prometheus/mimir/gpu.yaml",
            "prometheus/operator/db.yaml",
            "prometheus/operator/gpu.yaml",
            "prometheus/rules/db.yaml",
            "prometheus/rules/gpu.yaml"),
        ruleFiles(AlertRepos.renderAll(before)));
    Files.writeString(
        dir.resolve("policies/alerts.yaml"), directRule("b", "db", "B", "info", "up == 0", null));
    Map<String, String> after = AlertRepos.renderAll(AlertTestRepos.load(dir));
    assertEquals(
        List.of(
            "prometheus/mimir/db.yaml", "prometheus/operator/db.yaml", "prometheus/rules/db.yaml"),
        ruleFiles(after));
    assertTrue(after.containsKey("prometheus/file_sd/gpu.json"), "targets are still scraped");
  }

  @Test
  void rulesAreOrderedByPriorityThenId() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            directRule("c", "db", "C", "info", "up == 0", null)
                + "---\n"
                + directRule("b", "db", "B", "info", "up == 0", null)
                    .replace("group_id: db\n", "group_id: db\npriority: 300\n")
                + "---\n"
                + directRule("a", "db", "A", "info", "up == 0", null));
    String text = AlertRepos.renderAll(repo).get("prometheus/rules/db.yaml");
    assertTrue(text.indexOf("alert: B_db") < text.indexOf("alert: A_db"), text);
    assertTrue(text.indexOf("alert: A_db") < text.indexOf("alert: C_db"), text);
  }

  @Test
  void anInvalidRepositoryIsRefusedWithDiagnosticsNotPartialOutput() {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir,
            template("t", "T", "info", "m > {{ .limit }}", null)
                + "---\n"
                + rule("r", "t", "gpu", null)
                + "---\n"
                + directRule("ok", "db", "Ok", "info", "up == 0", null));
    for (var renderer :
        List.of(new PrometheusRuleFileRenderer(), new PrometheusRuleCrdRenderer())) {
      AlertRenderException e =
          assertThrows(AlertRenderException.class, () -> renderer.render(repo));
      assertEquals(1, e.diagnostics().size());
      assertEquals("policies/alerts.yaml", e.diagnostics().get(0).file());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "alert rules cannot be rendered; run 'aami validate': "
                      + "policies/alerts.yaml:6:17: alert rule 'r' (group 'gpu'), query_template of alert template"
                      + " 't': unknown placeholder 'limit'"),
          e.getMessage());
    }
  }

  @Test
  void invalidSettingsStopRenderAtTheirPlaceAndWriteNothing() throws Exception {
    Map<String, String> files =
        Map.of(
            "inventory/groups.yaml",
            AlertTestRepos.GROUPS,
            "inventory/targets.yaml",
            AlertTestRepos.TARGETS,
            "policies/alerts.yaml",
            directRule("ok", "db", "Ok", "info", "up == 0", null),
            "aami.yaml",
            "prometheus_rule:\n  labels:\n    release: [x]\n");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.createDirectories(dir.resolve(file.getKey()).getParent());
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    Path out = dir.resolve("out");
    Cli run = Cli.run("render", "--repo", dir.toString(), "--out", out.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:3:14: error[settings]: 'prometheus_rule.labels.release' must be a"
                    + " string, not a list"),
        run.err());
    assertFalse(Files.exists(out.resolve("prometheus")), "nothing rendered");
  }

  @Test
  void settingsShapeTheMetadata() {
    Repository repo =
        AlertTestRepos.withFiles(
            dir,
            Map.of(
                "policies/alerts.yaml",
                directRule("ok", "db", "Ok", "info", "up == 0", null),
                "aami.yaml",
                """
            prometheus_rule:
              namespace: monitoring
              name_prefix: team-a-
              labels:
                release: prometheus
                app.kubernetes.io/managed-by: gitops
              annotations:
                owner: infra
            """));
    String crd = AlertRepos.renderAll(repo).get("prometheus/operator/db.yaml");
    assertTrue(
        crd.contains(
            """
        metadata:
          name: team-a-db
          namespace: monitoring
          labels:
            app.kubernetes.io/managed-by: gitops
            release: prometheus
          annotations:
            owner: infra
        spec:
        """),
        crd);
  }
}
