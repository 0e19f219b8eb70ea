package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of recording rules (record name, duplicate series per group, PromQL on expr, recorded
 * metrics known to alert queries, rule group intervals) and the two alert naming modes, through
 * {@code aami validate} and {@code aami render} on real repositories.
 */
class RecordingRulesAndNamingTest {
  @TempDir Path dir;

  private TestRepo repo(String policies) {
    return new TestRepo(dir)
        .file(
            "inventory/inventory.yaml",
            TestRepo.docs(
                TestRepo.group("web", 0),
                TestRepo.group("db", 0),
                TestRepo.target("web-01", "web"),
                TestRepo.target("db-01", "db")))
        .file("policies/rules.yaml", policies);
  }

  private static String record(String id, String group, String record, String expr, String extra) {
    return "apiVersion: aami/v1\nkind: RecordingRule\nid: "
        + id
        + "\n"
        + (group == null ? "scope: global\n" : "group_id: " + group + "\n")
        + "record: "
        + record
        + "\nexpr: '"
        + expr
        + "'\n"
        + extra;
  }

  private Cli validate() {
    return Cli.run("validate", "--repo", dir.toString());
  }

  @Test
  void twoRulesRecordingTheSameSeriesInOneGroupAreAnError() {
    repo(
        TestRepo.docs(
            record("a", "web", "job:up:sum", "sum by (job) (up)", ""),
            record("b", "web", "job:up:sum", "sum by (job) (up == 1)", ""),
            record("c", "db", "job:up:sum", "sum by (job) (up)", ""),
            record("d", "web", "job:up:sum", "sum by (job) (up)", "labels: {tier: front}\n")));
    Cli cli = validate();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(
        cli.err()
            .contains(
                "policies/rules.yaml:12:9: error[record/duplicate]: recording rule 'b'"
                    + " records the same series 'job:up:sum' {group_id=web} as recording rule 'a'"),
        cli.err());
    assertEquals(
        1,
        cli.err().split("record/duplicate", -1).length - 1,
        "c (another group) and d" + " (another label) record other series: " + cli.err());
  }

  @Test
  void exprIsCheckedAsPromqlAtItsCharacter() {
    repo(record("bad", "web", "job:up:sum", "sum by (job) (rate(up[5m])", ""));
    Cli cli = validate();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(
        cli.err().contains("policies/rules.yaml:6:33:"), "at the end of the query: " + cli.err());
    assertTrue(
        cli.err().contains("error[alert/promql]: recording rule 'bad' (group 'web'), expr:"),
        cli.err());
  }

  @Test
  void recordMustBeAMetricName() {
    repo(record("bad", "web", "job up", "sum(up)", ""));
    Cli cli = validate();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(
        cli.err()
            .contains(
                "policies/rules.yaml:5:9: error[record/name]: recording rule 'bad': record 'job up' is not a valid metric name"),
        cli.err());
  }

  @Test
  void rulesOfOneRuleGroupMustAgreeOnItsInterval() {
    repo(
        TestRepo.docs(
            record(
                "a",
                "web",
                "job:up:sum",
                "sum by (job) (up)",
                "rule_group: {name: jobs, interval: 1m}\n"),
            record(
                "b",
                "web",
                "job:up:count",
                "count by (job) (up)",
                "rule_group: {name: jobs, interval: 2m}\n"),
            record(
                "c",
                "db",
                "job:up:count",
                "count by (job) (up)",
                "rule_group: {name: jobs, interval: 2m}\n")));
    Cli cli = validate();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(
        cli.err()
            .contains(
                "error[rule-group/interval]: rule group 'jobs' of group 'web' has"
                    + " interval 1m at policies/rules.yaml:7:36 but 2m here"),
        cli.err());
    assertEquals(1, cli.err().split("rule-group/interval", -1).length - 1, cli.err());
  }

  @Test
  void anAlertOnARecordedMetricIsNotAnUnknownMetric() {
    new TestRepo(dir)
        .file(
            "templates/check.yaml",
            """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: probe
        language: bash
        version: 1.0.0
        script_content: "#!/bin/bash\\necho probe_ok 1\\n"
        metrics:
          - {name: probe_ok, type: gauge}
        """);
    repo(
        TestRepo.docs(
            record("ok-ratio", "web", "job:probe_ok:avg", "avg by (job) (probe_ok)", ""),
            """
        apiVersion: aami/v1
        kind: AlertRule
        id: probes-failing
        group_id: web
        name: ProbesFailing
        severity: warning
        query_template: 'job:probe_ok:avg < 0.5 or nope_metric > 1'
        """));
    Cli cli = validate();
    assertTrue(
        cli.err().contains("selects metric 'nope_metric', which no check declares"), cli.err());
    assertTrue(!cli.err().contains("'job:probe_ok:avg', which no check declares"), cli.err());
  }

  private static final String ALERTS =
      TestRepo.docs(
          """
      apiVersion: aami/v1
      kind: AlertRule
      id: down-web
      group_id: web
      name: TargetDown
      severity: critical
      query_template: 'up{ {{ .group_selector }} } == 0'
      """,
          """
      apiVersion: aami/v1
      kind: AlertRule
      id: down-db
      group_id: db
      name: TargetDown
      severity: critical
      query_template: 'up{ {{ .group_selector }} } == 0'
      """,
          """
      apiVersion: aami/v1
      kind: AlertRule
      id: watchdog
      group_id: web
      name: Watchdog
      exact_name: true
      query_template: 'vector(1)'
      """);

  @Test
  void theDefaultNamingSuffixesTheGroupAndExactNamesStayAsWritten() throws Exception {
    repo(ALERTS);
    String web = render("web");
    assertTrue(web.contains("- alert: TargetDown_web\n"), web);
    assertTrue(web.contains("- alert: Watchdog\n"), web);
  }

  @Test
  void withoutTheGroupSuffixAlertsAreNamedAsWrittenAndStayApartByGroupId() throws Exception {
    repo(ALERTS).file("aami.yaml", "alerts:\n  group_suffix: false\n");
    Cli cli = validate();
    assertTrue(
        !cli.err().contains("alert/duplicate"),
        "one name in two groups is no duplicate: " + cli.err());
    assertTrue(render("web").contains("- alert: TargetDown\n"));
    assertTrue(render("db").contains("- alert: TargetDown\n"));
  }

  @Test
  void withoutTheGroupSuffixTwoRulesOfOneGroupWithOneNameAreStillDuplicates() {
    repo(TestRepo.docs(
            ALERTS,
            """
        apiVersion: aami/v1
        kind: AlertRule
        id: down-web-again
        group_id: web
        name: TargetDown
        severity: critical
        query_template: 'up{ {{ .group_selector }} } == 0'
        """))
        .file("aami.yaml", "alerts: {group_suffix: false}\n");
    Cli cli = validate();
    assertTrue(
        cli.err()
            .contains(
                "warning[alert/duplicate]: alert rule 'down-web-again' renders the"
                    + " same alert name 'TargetDown'"),
        cli.err());
  }

  @Test
  void aBadNamingSettingIsALocatedError() {
    for (String setting : List.of("alerts: {group_suffix: 'no'}\n", "alerts: {suffix: false}\n")) {
      repo(ALERTS).file("aami.yaml", setting);
      Cli cli = validate();
      assertEquals(1, cli.exitCode(), setting);
      assertTrue(cli.err().contains("aami.yaml:1:"), cli.err());
      assertTrue(cli.err().contains("error[settings]"), cli.err());
    }
  }

  private String render(String group) throws Exception {
    Path site = dir.resolve("site");
    Cli cli = Cli.run("render", "--repo", dir.toString(), "-o", site.toString());
    assertEquals(0, cli.exitCode(), cli.err());
    return java.nio.file.Files.readString(site.resolve("prometheus/rules/" + group + ".yaml"));
  }
}
