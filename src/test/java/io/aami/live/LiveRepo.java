package io.aami.live;

import io.aami.checkrun.CheckRun;
import io.aami.checkrun.CheckRunService;
import io.aami.testing.TestRepo;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The repository the live tests check, written in the shape of a small fleet repository: a {@code
 * probe} check that group {@code web} runs (its metrics reach Prometheus through the real agent and
 * node_exporter), a {@code fresh} check assigned to {@code web} but never run (not deployed yet),
 * and an {@code orphan} check that no target runs. Alert rules are added per test.
 */
final class LiveRepo {
  static final String PROBE =
      """
      apiVersion: aami/v1
      kind: ScriptTemplate
      name: probe
      script_type: test
      language: bash
      version: 1.0.0
      timeout: 10s
      metrics:
        - {name: probe_temperature_celsius, type: gauge, help: Temperature per sensor, labels: [sensor]}
        - {name: probe_events_total, type: counter, help: Events seen since the check began, labels: [kind]}
      script_content: |
        #!/bin/bash
        echo 'probe_temperature_celsius{sensor="cpu"} 41.5'
        echo 'probe_temperature_celsius{sensor="gpu"} 50'
        echo 'probe_events_total{kind="error"} 7'
      """;
  static final String LEGACY =
      """
      apiVersion: aami/v1
      kind: ScriptTemplate
      name: legacy
      script_type: test
      language: bash
      version: 1.0.0
      timeout: 10s
      metrics:
        - {name: legacy_queue_depth, type: gauge, help: Queue depth}
      script_content: |
        #!/bin/bash
        echo 'legacy_queue_depth 3'
      """;

  private LiveRepo() {}

  static String declaredOnly(String name, String metric) {
    return """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: %s
        script_type: test
        language: bash
        version: 1.0.0
        metrics:
          - {name: %s, type: gauge, help: Not reported yet}
        script_content: |
          #!/bin/bash
          echo '%s 1'
        """
        .formatted(name, metric, metric);
  }

  /** A direct alert rule of group web. */
  static String rule(String id, String query) {
    return """
        apiVersion: aami/v1
        kind: AlertRule
        id: %s
        group_id: web
        name: %s
        severity: warning
        query_template: '%s'
        """
        .formatted(id, id.replace("-", "_"), query.replace("'", "''"));
  }

  /** A recording rule of group web; {@code extra} is YAML added at the end, or "". */
  static String recording(String id, String record, String expr, String extra) {
    return """
        apiVersion: aami/v1
        kind: RecordingRule
        id: %s
        group_id: web
        record: %s
        expr: '%s'
        """
            .formatted(id, record, expr.replace("'", "''"))
        + extra;
  }

  /** The fleet without alert rules; {@code aamiYaml} may be null. */
  static TestRepo fleet(Path root, String aamiYaml) {
    TestRepo repo =
        new TestRepo(root)
            .file("templates/probe.yaml", PROBE)
            .file("templates/legacy.yaml", LEGACY)
            .file("templates/fresh.yaml", declaredOnly("fresh", "fresh_connections"))
            .file("templates/orphan.yaml", declaredOnly("orphan", "orphan_widgets"))
            .file(
                "policies/probe.yaml",
                TestRepo.docs(
                    TestRepo.policy("probe-web", "web", "probe", ""),
                    TestRepo.policy("legacy-web", "web", "legacy", ""),
                    TestRepo.policy("fresh-web", "web", "fresh", "")))
            .file(
                "inventory/inventory.yaml",
                TestRepo.docs(TestRepo.group("web", 0), TestRepo.target("web-01", "web")));
    if (aamiYaml != null) {
      repo.file("aami.yaml", aamiYaml);
    }
    return repo;
  }

  /**
   * Runs {@code check} for web-01 through the real agent, writing into the exporter's textfile
   * directory.
   */
  static void runCheck(TestRepo repo, String check, LivePrometheus prometheus) throws Exception {
    Path agentWork = prometheus.textfileDir.getParent();
    CheckRun run =
        new CheckRunService()
            .run(
                new CheckRunService.Request(
                    repo.load(),
                    check,
                    "web-01",
                    Map.of(),
                    Tools.projectDir().resolve("agent/dynamic-check.sh"),
                    agentWork));
    if (!(run instanceof CheckRun.Ran ran) || !ran.succeeded()) {
      throw new AssertionError("the agent did not run " + check + ": " + run);
    }
    if (!Files.isRegularFile(prometheus.textfileDir.resolve("aami_check_" + check + ".prom"))) {
      throw new AssertionError("the agent wrote no textfile for " + check);
    }
  }
}
