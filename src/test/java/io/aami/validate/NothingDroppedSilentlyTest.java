package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys aami does not know in alert configs are errors with a did-you-mean, Prometheus's own field
 * names get one located error that names aami's, and label and annotation names are told apart.
 */
class NothingDroppedSilentlyTest {
  @TempDir Path tmp;

  private TestRepo repo(String alerts) {
    return new TestRepo(tmp.resolve("repo"))
        .file("inventory/groups.yaml", TestRepo.group("data", 10))
        .file("inventory/targets.yaml", TestRepo.target("db-01", "data"))
        .file("policies/alerts/rules.yaml", alerts);
  }

  private static final String TEMPLATE =
      """
      apiVersion: aami/v1
      kind: AlertTemplate
      id: disk-full
      name: DiskFull
      severity: warning
      query_template: disk_used_percent{ {{ .group_selector }} } > {{ .limit }}
      default_config:
        limit: 90
        runbook: disk-full
        annotations:
          runbook_url: "https://runbooks.example.internal/{{ .runbook }}"
      """;

  private static String ruleWithConfig(String config) {
    return TEMPLATE
        + "---\napiVersion: aami/v1\nkind: AlertRule\nid: disk-data\n"
        + "template_id: disk-full\ngroup_id: data\nconfig:\n"
        + config;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "for: 1m | for | for_duration",
        "for_duraton: 5m | for_duraton | for_duration",
        "label: {team: x} | label | labels",
        "annotation: {summary: x} | annotation | annotations",
        "limt: 80 | limt | limit"
      })
  void unknownKeysInARulesConfigAreErrorsWithADidYouMean(String line, String key, String meant) {
    Cli run =
        Cli.run("validate", "--repo", repo(ruleWithConfig("  " + line + "\n")).root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "policies/alerts/rules.yaml:19:3: error[alert/config-key]: config key '"
                    + key
                    + "' is neither a field of an alert config"),
        run.err());
    assertTrue(run.err().contains("did you mean '" + meant + "'?"), run.err());
  }

  @Test
  void parametersThatPlaceholdersOrTheConfigSchemaUseStayAllowed() {
    String withSchema =
        TEMPLATE.replace(
            "default_config:",
            """
        config_schema:
          type: object
          properties:
            owner: {type: string}
        default_config:""");
    String rules =
        withSchema
            + "---\napiVersion: aami/v1\nkind: AlertRule\nid: disk-data\n"
            + "template_id: disk-full\ngroup_id: data\nconfig:\n  limit: 80\n  runbook: disk\n"
            + "  owner: storage\n  keep_firing_for: 10m\n  for_duration: 5m\n";
    Cli run = Cli.run("validate", "--strict", "--repo", repo(rules).root().toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
  }

  @Test
  void aTemplatesDefaultConfigIsCheckedToo() {
    String template =
        TEMPLATE.replace("  runbook: disk-full\n", "  runbook: disk-full\n  for: 5m\n");
    Cli run = Cli.run("validate", "--repo", repo(template).root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "policies/alerts/rules.yaml:10:3: error[alert/config-key]:"
                    + " default_config key 'for' is neither"),
        run.err());
  }

  @Test
  void aDirectRulesOwnPlaceholdersAreItsParameters() {
    String direct =
        """
        apiVersion: aami/v1
        kind: AlertRule
        id: load
        group_id: data
        name: Load High
        severity: warning
        query_template: node_load1{ {{ .group_selector }} } > {{ .max }}
        config:
          max: 4
          for_duraton: 5m
        """;
    Cli run = Cli.run("validate", "--repo", repo(direct).root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals(
        1, run.err().lines().filter(l -> l.contains("error[alert/config-key]")).count(), run.err());
    assertTrue(
        run.err()
            .contains(
                "config key 'for_duraton' is neither a field of an alert config"
                    + " (for_duration, keep_firing_for, labels, annotations) nor a parameter of this rule (its"
                    + " parameters: max), so render would drop it; did you mean 'for_duration'?"),
        run.err());
  }

  @Test
  void aPastedPrometheusRuleGetsOneErrorNamingAamisFields() {
    String pasted =
        """
        apiVersion: aami/v1
        kind: AlertRule
        id: load
        alert: HostHighLoad
        expr: node_load1 > 4
        for: 5m
        labels:
          severity: warning
        annotations:
          summary: High load
        """;
    Cli run = Cli.run("validate", "--repo", repo(pasted).root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals(1, run.err().lines().filter(l -> l.contains(": error[")).count(), run.err());
    assertTrue(
        run.err()
            .contains(
                "policies/alerts/rules.yaml:4:1: error[schema/prometheus-fields]:"
                    + " this AlertRule is written with Prometheus's rule fields (alert, expr, for, labels,"
                    + " annotations); aami's AlertRule names them: alert → name, expr → query_template,"
                    + " for → config.for_duration"),
        run.err());
    assertTrue(
        run.err().contains("'aami import rules FILE' converts Prometheus rule files"), run.err());
  }

  @Test
  void aPrometheusRuleFileGetsOneErrorToo() {
    String file =
        """
        groups:
          - name: node
            rules:
              - alert: HostHighLoad
                expr: node_load1 > 4
        """;
    Cli run =
        Cli.run(
            "validate",
            "--repo",
            repo(TEMPLATE).file("policies/alerts/node.rules.yaml", file).root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "policies/alerts/node.rules.yaml:1:1: error[schema/prometheus-fields]:"
                    + " this is a Prometheus rule file"),
        run.err());
    assertEquals(1, run.err().lines().filter(l -> l.contains(": error[")).count(), run.err());
  }

  @Test
  void labelAndAnnotationNamesAreReportedAsNamesSayingWhich() {
    String rule =
        """
        apiVersion: aami/v1
        kind: AlertRule
        id: load
        group_id: data
        name: LoadHigh
        severity: warning
        query_template: node_load1{ {{ .group_selector }} } > 4
        labels:
          team: x
        config:
          annotations:
            run-book: https://runbooks.example.internal/load
        """;
    Cli run = Cli.run("validate", "--repo", repo(rule).root().toString());
    assertTrue(
        run.err().contains("rules.yaml:8:1: error[schema]: unknown field 'labels'"), run.err());
    assertTrue(
        run.err()
            .contains(
                "rules.yaml:12:5: error[alert/label-name]: invalid annotation name"
                    + " 'run-book'"),
        run.err());
  }
}
