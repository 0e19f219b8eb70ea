package io.aami.alert;

import static io.aami.alert.AlertTestRepos.directRule;
import static io.aami.alert.AlertTestRepos.rule;
import static io.aami.alert.AlertTestRepos.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertSeverity;
import io.aami.model.AlertTemplate;
import io.aami.model.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertChecksTest {
  @TempDir Path dir;

  private List<Diagnostic> check(Map<String, String> files) {
    Repository repo = AlertTestRepos.withFiles(dir, files);
    return AlertChecks.check(repo);
  }

  private static String where(Diagnostic d) {
    return d.file()
        + ":"
        + d.line()
        + ":"
        + d.column()
        + " "
        + d.severity().label()
        + "["
        + d.code()
        + "]";
  }

  private static Diagnostic only(List<Diagnostic> diagnostics) {
    assertEquals(1, diagnostics.size(), () -> "expected one diagnostic: " + diagnostics);
    return diagnostics.get(0);
  }

  @Test
  void cleanRepositoryHasNoDiagnostics() {
    assertEquals(
        List.of(),
        check(
            Map.of(
                "templates/t.yaml",
                    template(
                        "t",
                        "T",
                        "critical",
                        "m{p=\"{{ .p }}\", group_id=\"{{ .group_id }}\"} == 0",
                        "for_duration: 5m\nannotations:\n  summary: \"{{ $labels.path }} for {{ .for_duration }}\""),
                "policies/r.yaml", rule("r", "t", "db", "p: /data"))));
  }

  @Test
  void unknownPlaceholderInATemplateIsLocatedAtItsQueryAndNamesEveryRule() {
    Diagnostic d =
        only(
            check(
                    Map.of(
                        "templates/t.yaml",
                        template("t", "T", "critical", "m > {{ .treshold }}", "threshold: 5"),
                        "policies/r.yaml",
                        rule("r1", "t", "gpu", null) + "---\n" + rule("r2", "t", "empty", null)))
                .stream()
                .filter(x -> x.code().equals("alert/placeholder"))
                .toList());
    assertEquals("templates/t.yaml:6:17 error[alert/placeholder]", where(d));
    assertEquals(
        "alert rules 'r1' (group 'gpu'), 'r2' (group 'empty'), query_template of alert"
            + " template 't': unknown placeholder 'treshold'; known placeholders: for_duration, group_id,"
            + " group_name, group_selector, threshold; did you mean 'threshold'?",
        d.message());
  }

  @Test
  void unknownPlaceholderInARulesAnnotationIsLocatedThere() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "templates/t.yaml", template("t", "T", "critical", "up == 0", null),
                    "policies/r.yaml",
                        rule(
                            "r",
                            "t",
                            "gpu",
                            "annotations:\n  summary: \"{{ .group_nam }} down\""))));
    assertEquals("policies/r.yaml:8:14 error[alert/placeholder]", where(d));
    assertTrue(
        d.message()
            .startsWith(
                "alert rule 'r' (group 'gpu'), annotation 'summary': unknown"
                    + " placeholder 'group_nam'"),
        d.message());
    assertTrue(d.message().endsWith("did you mean 'group_name'?"), d.message());
  }

  @Test
  void injectionUnsafeValueIsAnError() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "policies/r.yaml",
                    directRule(
                        "r",
                        "gpu",
                        "X",
                        "critical",
                        "m > {{ .limit }}",
                        "limit: \"1 or vector(1)\""))));
    assertEquals("policies/r.yaml:7:17 error[alert/placeholder]", where(d));
    assertTrue(
        d.message()
            .contains(
                "value '1 or vector(1)' of placeholder 'limit' would change the"
                    + " query's structure"),
        d.message());
  }

  @Test
  void invalidLabelAndAnnotationNamesAreLocatedAtTheirKeys() {
    String templateYaml = template("t", "T", "critical", "up == 0", "labels:\n  bad-name: x");
    String ruleYaml = rule("r", "t", "gpu", "annotations:\n  \"9lives\": y");
    Repository repo =
        AlertTestRepos.models(
            List.of(
                new AlertTemplate(
                    "t",
                    "T",
                    null,
                    AlertSeverity.CRITICAL,
                    "up == 0",
                    new AlertConfig(null, Map.of("bad-name", "x"), Map.of(), Map.of()),
                    AlertTestRepos.origin("templates/t.yaml", templateYaml),
                    java.util.Optional.empty())),
            List.of(
                new AlertRule(
                    "r",
                    "gpu",
                    true,
                    100,
                    new AlertRule.FromTemplate("t"),
                    new AlertConfig(null, Map.of(), Map.of("9lives", "y"), Map.of()),
                    false,
                    null,
                    AlertTestRepos.origin("policies/r.yaml", ruleYaml))));
    List<Diagnostic> ds = AlertChecks.check(repo);
    assertEquals(
        List.of(
            "policies/r.yaml:8:5 error[alert/label-name]",
            "templates/t.yaml:9:5 error[alert/label-name]"),
        ds.stream().map(AlertChecksTest::where).toList());
    assertEquals(
        "annotation name '9lives' is not a valid Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*",
        ds.get(0).message());
    assertEquals(
        "label name 'bad-name' is not a valid Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*",
        ds.get(1).message());
  }

  @Test
  void badForDurationIsReportedOnceWhereverItIsWritten() {
    String templateYaml = template("t", "T", "critical", "up == 0", "for_duration: 5 minutes");
    AlertTemplate t =
        new AlertTemplate(
            "t",
            "T",
            null,
            AlertSeverity.CRITICAL,
            "up == 0",
            new AlertConfig("5 minutes", Map.of(), Map.of(), Map.of()),
            AlertTestRepos.origin("templates/t.yaml", templateYaml),
            java.util.Optional.empty());
    AlertRule r1 =
        new AlertRule(
            "r1",
            "gpu",
            true,
            100,
            new AlertRule.FromTemplate("t"),
            AlertConfig.EMPTY,
            false,
            null,
            AlertTestRepos.origin("policies/r1.yaml", rule("r1", "t", "gpu", null)));
    AlertRule r2 =
        new AlertRule(
            "r2",
            "db",
            true,
            100,
            new AlertRule.FromTemplate("t"),
            new AlertConfig("1m", Map.of(), Map.of(), Map.of()),
            false,
            null,
            AlertTestRepos.origin("policies/r2.yaml", rule("r2", "t", "db", "for_duration: 1m")));
    AlertRule r3 =
        new AlertRule(
            "r3",
            "gpu",
            false,
            100,
            new AlertRule.FromTemplate("t"),
            new AlertConfig("2x", Map.of(), Map.of(), Map.of()),
            false,
            null,
            AlertTestRepos.origin("policies/r3.yaml", rule("r3", "t", "gpu", "for_duration: 2x")));
    List<Diagnostic> ds = AlertChecks.check(AlertTestRepos.models(List.of(t), List.of(r1, r2, r3)));
    assertEquals(
        List.of(
            "policies/r3.yaml:7:17 error[format/duration]",
            "templates/t.yaml:8:17 error[format/duration]"),
        ds.stream().map(AlertChecksTest::where).toList());
    assertEquals(
        "for_duration '5 minutes' is not a Prometheus duration (e.g. 30s, 5m, 1h30m)",
        ds.get(1).message());
  }

  @Test
  void brokenExpandedQueryIsAPromqlError() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "policies/r.yaml",
                    directRule(
                        "r",
                        "gpu",
                        "X",
                        "critical",
                        "sum(rate(m{group_id=\"{{ .group_id }}\"}[5m]) > 1",
                        null))));
    assertEquals("policies/r.yaml:7:17 error[alert/promql]", where(d));
    assertTrue(
        d.message()
            .contains(
                "unexpected end of input: expected ',' or ')' to close the sum"
                    + " opened at character 4"),
        d.message());
  }

  @Test
  void aHugeBrokenQueryGivesOneShortDiagnostic() {
    String query = "sum(rate(m{group_id=\"{{ .group_id }}\"}[5m])) > 1 and ".repeat(1_100) + "(";
    Diagnostic d =
        only(
            check(Map.of("policies/r.yaml", directRule("r", "gpu", "X", "critical", query, null))));
    assertEquals("alert/promql", d.code());
    assertTrue(query.length() > 55_000);
    assertTrue(d.message().length() < 400, d.message());
  }

  @Test
  void disabledRulesAreCheckedToo() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "policies/r.yaml",
                    directRule("r", "gpu", "X", "critical", "m > {{ .nope }}", null)
                        .replace("group_id: gpu\n", "group_id: gpu\nenabled: false\n"))));
    assertEquals("alert/placeholder", d.code());
  }

  @Test
  void rulesWithUnresolvedTemplateOrGroupAreSkipped() {
    assertEquals(
        List.of(),
        check(
            Map.of(
                "policies/r.yaml",
                rule("r1", "no-such-template", "gpu", null)
                    + "---\n"
                    + directRule(
                        "r2", "no-such-group", "X", "critical", "m > {{ .nope }}", null))));
  }

  @Test
  void unusedTemplatesAreLintedButNotResolved() {
    List<Diagnostic> ds =
        check(
            Map.of(
                "templates/t.yaml",
                template(
                    "t",
                    "T",
                    "critical",
                    "m{a=\"{{ $labels.a }}\"} > {{ .threshold_from_rules }}",
                    "annotations:\n  summary: \"{{ .x | title }}\"")));
    assertEquals(
        List.of(
            "templates/t.yaml:6:17 error[alert/placeholder]",
            "templates/t.yaml:9:14 error[alert/placeholder]"),
        ds.stream().map(AlertChecksTest::where).toList());
    assertTrue(
        ds.get(0)
            .message()
            .startsWith(
                "query_template: '{{ $labels.a }}' at character 6 is not an" + " aami placeholder"),
        ds.get(0).message());
  }

  @Test
  void parametersNamedLikeBuiltInsAreErrors() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "templates/t.yaml",
                    template("t", "T", "critical", "up == 0", "group_name: mine"))));
    assertEquals("templates/t.yaml:8:3 error[alert/placeholder]", where(d));
    assertEquals(
        "parameter 'group_name' has the name of a built-in placeholder, which always wins;"
            + " rename it",
        d.message());
  }

  @Test
  void ruleOfANonPrimaryGroupThatSelectsGroupIdWarnsNamingTheTarget() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "policies/r.yaml",
                    directRule(
                            "on-gpu",
                            "gpu",
                            "X",
                            "critical",
                            "up{group_id=\"{{ .group_id }}\"} == 0",
                            null)
                        + "---\n"
                        + directRule(
                            "on-db",
                            "db",
                            "X",
                            "critical",
                            "up{group_id=\"{{ .group_id }}\"} == 0",
                            null)
                        + "---\n"
                        + directRule(
                            "on-gpu-by-groups",
                            "gpu",
                            "Y",
                            "critical",
                            "up{aami_groups=~\".*,{{ .group_id }},.*\"} == 0",
                            null))));
    assertEquals("policies/r.yaml:4:11 warning[alert/non-primary-group]", where(d));
    assertTrue(
        d.message()
            .startsWith(
                "alert rule 'on-gpu' selects group_id=\"gpu\", but 1 target"
                    + " belongs to the rule's group only as a non-primary group ('n2' in 'gpu' (primary group"
                    + " 'db'))"),
        d.message());
    assertTrue(
        d.message()
            .endsWith(
                "Select the members with {{ .group_selector }} instead, e.g."
                    + " metric{ {{ .group_selector }} }"),
        d.message());
  }

  @Test
  void aTemplateWhoseRulesMissNonPrimaryMembersIsReportedOnceWithTheFix() {
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      rules
          .append("apiVersion: aami/v1\nkind: AlertRule\nid: r")
          .append(i)
          .append("\ngroup_id: gpu\ntemplate_id: t\nconfig: {labels: {n: \"")
          .append(i)
          .append("\"}}\n---\n");
    }
    List<Diagnostic> found =
        check(
            Map.of(
                "templates/t.yaml",
                    template("t", "T", "critical", "up{group_id=\"{{ .group_id }}\"} == 0", null),
                "policies/r.yaml", rules.toString()));
    List<Diagnostic> nonPrimary =
        found.stream().filter(d -> d.code().equals(Code.ALERT_NON_PRIMARY_GROUP.id())).toList();
    assertEquals(1, nonPrimary.size(), found.toString());
    assertEquals("templates/t.yaml", nonPrimary.get(0).file());
    assertTrue(
        nonPrimary.get(0).message().startsWith("AlertTemplate 't' selects group_id in 50 rules"),
        nonPrimary.get(0).message());
  }

  @Test
  void duplicateAlertsInAGroupWarn() {
    Diagnostic d =
        only(
            check(
                Map.of(
                    "policies/r.yaml",
                    directRule("a", "db", "X", "critical", "up == 0", null)
                        + "---\n"
                        + directRule("b", "db", "X", "critical", "up == 1", null)
                        + "---\n"
                        + directRule(
                            "c", "db", "X", "critical", "up == 2", "labels:\n  variant: c"))));
    assertEquals("policies/r.yaml:9:1 warning[alert/duplicate]", where(d));
    assertTrue(
        d.message()
            .startsWith(
                "alert rule 'b' renders the same alert name 'X_db' and labels as"
                    + " alert rule 'a' in group 'db'"),
        d.message());
  }
}
