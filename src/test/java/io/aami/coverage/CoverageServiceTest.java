package io.aami.coverage;

import static io.aami.testing.TestRepo.docs;
import static io.aami.testing.TestRepo.group;
import static io.aami.testing.TestRepo.policy;
import static io.aami.testing.TestRepo.target;
import static io.aami.testing.TestRepo.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageServiceTest {
  @TempDir Path dir;

  @Test
  void cellsSayWhichPolicyWinsForEachGroupAndWhatItChanged() {
    CoverageReport report =
        new CoverageService()
            .build(
                new TestRepo(dir)
                    .file(
                        "templates/t.yaml",
                        docs(
                            template("cpu", "{limit: 1, nested: {a: 1, b: 2}}"),
                            template("disk", "{}")))
                    .file(
                        "policies/p.yaml",
                        docs(
                            policy("cpu-global", null, "cpu", ""),
                            policy("cpu-web", "web", "cpu", "config: {nested: {b: 3}}\n"),
                            policy("disk-db", "db", "disk", "is_active: false\n")))
                    .file(
                        "inventory/i.yaml",
                        docs(
                            group("web", 0),
                            group("db", 0),
                            target("w1", "web"),
                            target("w2", "web", "db"),
                            target("orphan")))
                    .load());

    assertEquals(List.of("cpu", "disk"), report.checks());
    assertEquals(List.of("orphan"), report.ungroupedTargets());
    assertEquals(3, report.targetCount());
    GroupCoverage db = report.groups().get(0);
    GroupCoverage web = report.groups().get(1);
    assertEquals("db", db.id());
    assertEquals(List.of("w2"), db.targets());
    assertEquals(List.of("w1", "w2"), web.targets());

    CheckCoverage.Runs webCpu = assertInstanceOf(CheckCoverage.Runs.class, web.checks().get("cpu"));
    assertEquals("cpu-web", webCpu.policyId());
    assertFalse(webCpu.global());
    assertEquals(List.of("nested.b"), webCpu.changedKeys());

    CheckCoverage.Runs dbCpu = assertInstanceOf(CheckCoverage.Runs.class, db.checks().get("cpu"));
    assertTrue(dbCpu.global());
    assertEquals(List.of(), dbCpu.changedKeys());
    assertEquals(
        List.of("disk-db"),
        assertInstanceOf(CheckCoverage.OnlyInactive.class, db.checks().get("disk"))
            .inactivePolicies());
    assertNull(web.checks().get("disk"), "no policy of disk applies to web");
  }

  @Test
  void theMetricContractSaysWhichChecksNoAlertReadsAndWhichAlertsReadUndeclaredMetrics() {
    String declared =
        """
                      apiVersion: aami/v1
                      kind: ScriptTemplate
                      name: %s
                      script_type: t
                      language: bash
                      version: 1.0.0
                      script_content: |
                        #!/bin/bash
                        echo %s 1
                      metrics: [{name: %s, type: gauge}]
                      """;
    CoverageReport report =
        new CoverageService()
            .build(
                new TestRepo(dir)
                    .file(
                        "templates/t.yaml",
                        docs(
                            String.format(declared, "raid", "raid_ok", "raid_ok"),
                            String.format(declared, "fan", "fan_ok", "fan_ok"),
                            template("legacy", "{}")))
                    .file(
                        "policies/p.yaml",
                        docs(
                            policy("raid-global", null, "raid", ""),
                            policy("fan-global", null, "fan", ""),
                            policy("legacy-global", null, "legacy", ""),
                            """
            apiVersion: aami/v1
            kind: AlertRule
            id: raid-web
            group_id: web
            name: RaidDown
            severity: critical
            query_template: 'raid_ok{ {{ .group_selector }} } == 0'
            """,
                            """
            apiVersion: aami/v1
            kind: AlertRule
            id: temp-web
            group_id: web
            name: Hot
            severity: warning
            query_template: 'temperature_celsius > 80 and up == 1'
            """))
                    .file("inventory/i.yaml", docs(group("web", 0), target("w1", "web")))
                    .load());

    assertEquals(List.of("fan"), report.checksWithoutAlerts());
    assertEquals(List.of("legacy"), report.checksWithoutDeclaredMetrics());
    assertEquals(
        java.util.Map.of("Hot_web", List.of("temperature_celsius")),
        report.alertsOnUndeclaredMetrics(),
        "up is external; raid_ok is declared");
  }

  @Test
  void aCheckWhoseMetricARecordingRuleReadsForAnAlertIsCoveredAndTheRecordedMetricIsKnown() {
    String declared =
        """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: fan
        script_type: t
        language: bash
        version: 1.0.0
        script_content: |
          #!/bin/bash
          echo fan_rpm 1
        metrics: [{name: fan_rpm, type: gauge}]
        """;
    CoverageReport report =
        new CoverageService()
            .build(
                new TestRepo(dir)
                    .file("templates/t.yaml", declared)
                    .file(
                        "policies/p.yaml",
                        docs(
                            policy("fan-global", null, "fan", ""),
                            """
                            apiVersion: aami/v1
                            kind: RecordingRule
                            id: fan-min
                            group_id: web
                            record: instance:fan_rpm:min5m
                            expr: min_over_time(fan_rpm[5m])
                            """,
                            """
                            apiVersion: aami/v1
                            kind: AlertRule
                            id: fan-stopped
                            group_id: web
                            name: FanStopped
                            severity: critical
                            query_template: 'instance:fan_rpm:min5m == 0'
                            """))
                    .file("inventory/i.yaml", docs(group("web", 0), target("w1", "web")))
                    .load());

    assertEquals(
        List.of(), report.checksWithoutAlerts(), "FanStopped reads fan_rpm through the record");
    assertEquals(java.util.Map.of(), report.alertsOnUndeclaredMetrics());
  }
}
