package io.aami.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.cli.ExitCode;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.model.Settings;
import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import io.aami.yaml.YMap;
import io.aami.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suppressions as code: {@code # aami-disable} comments before documents, keys and list items,
 * aami.yaml's {@code validate} section, {@code suppress/unused}, errors that cannot be silenced,
 * and {@code --no-suppress}.
 */
class SuppressionTest {
  @TempDir Path tmp;

  private static final String HEARTBEAT =
      """
      apiVersion: aami/v1
      kind: AlertRule
      id: rate-only
      group_id: data
      name: RequestRate
      severity: info
      query_template: rate(requests_total{ {{ .group_selector }} }[5m])
      """;

  private TestRepo repo(String alerts) {
    return new TestRepo(tmp.resolve("repo"))
        .file("inventory/groups.yaml", TestRepo.group("data", 10))
        .file("inventory/targets.yaml", TestRepo.target("db-01", "data"))
        .file("policies/alerts/rules.yaml", alerts);
  }

  private static Cli validate(TestRepo repo, String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "validate";
    args[1] = "--strict";
    args[2] = "--repo";
    args[3] = repo.root().toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Cli.run(args);
  }

  @Test
  void withoutASuppressionStrictFails() {
    Cli run = validate(repo(HEARTBEAT));
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("warning[alert/no-condition]"), run.err());
  }

  @Test
  void aCommentBeforeADocumentSilencesItsCodesInTheWholeDocument() {
    Cli run =
        validate(
            repo(
                "# aami-disable alert/no-condition -- a rate dashboard alert, routed to a"
                    + " null receiver\n"
                    + HEARTBEAT));
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("no problems (1 suppressed; --no-suppress shows them)"), run.err());
    Cli all =
        validate(
            repo("# aami-disable alert/no-condition -- reason\n" + HEARTBEAT), "--no-suppress");
    assertEquals(ExitCode.FAILED, all.exitCode());
    assertTrue(all.err().contains("warning[alert/no-condition]"), all.err());
  }

  @Test
  void aCommentAfterTheDocumentSeparatorAndBeforeAKeyCoverThatNodeOnly() {
    String twoDocs =
        "apiVersion: aami/v1\nkind: Group\nid: other\nname: other\n---\n"
            + "# aami-disable alert/no-condition\n"
            + HEARTBEAT;
    assertEquals(ExitCode.OK, validate(repo(twoDocs)).exitCode());
    String onKey =
        HEARTBEAT.replace(
            "query_template:", "# aami-disable alert/no-condition -- on purpose\nquery_template:");
    assertEquals(ExitCode.OK, validate(repo(onKey)).exitCode(), validate(repo(onKey)).err());
    String onOtherKey =
        HEARTBEAT.replace("severity:", "# aami-disable alert/no-condition\nseverity:");
    Cli run = validate(repo(onOtherKey));
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("warning[alert/no-condition]"), run.err());
    assertTrue(
        run.err()
            .contains(
                "rules.yaml:6:1: warning[suppress/unused]: '# aami-disable"
                    + " alert/no-condition' silences nothing in the node below it (lines 7-7)"),
        run.err());
  }

  @Test
  void aCommentBeforeAListItemCoversThatItem() {
    String list =
        "apiVersion: aami/v1\nkind: List\nitems:\n"
            + "  # aami-disable alert/no-condition -- reason\n"
            + "  - "
            + HEARTBEAT.strip().replace("\n", "\n    ")
            + "\n"
            + "  - "
            + HEARTBEAT
                .strip()
                .replace("rate-only", "rate-two")
                .replace("RequestRate", "Rate2")
                .replace("\n", "\n    ")
            + "\n";
    Cli run = validate(repo(list));
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals(
        1,
        run.err().lines().filter(l -> l.contains("warning[alert/no-condition]")).count(),
        run.err());
    assertTrue(run.err().contains("(1 suppressed"), run.err());
  }

  @Test
  void aCommentInsideABlockScalarIsText() {
    String script =
        """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: t
        version: 1.0.0
        language: bash
        script_content: |
          #!/usr/bin/env bash
          # aami-disable alert/no-condition -- not a suppression
          echo ok
        """;
    Cli run =
        validate(
            repo("# aami-disable alert/no-condition -- reason\n" + HEARTBEAT)
                .file("templates/t.yaml", script));
    assertFalse(run.err().contains("suppress/"), run.err());
  }

  @Test
  void malformedAndMisplacedCommentsAreWarned() {
    Cli run =
        validate(
            repo(
                "# aami-disable\n"
                    + HEARTBEAT
                    + "# aami-disable Alert/No\n"
                    + "\n# aami-disable alert/no-condition\n"));
    assertTrue(
        run.err()
            .contains(
                "rules.yaml:1:1: warning[suppress/invalid]: write '# aami-disable"
                    + " CODE[,CODE...] [-- reason]'"),
        run.err());
    assertTrue(
        run.err().contains("warning[suppress/invalid]: 'Alert/No' is not a diagnostic code"),
        run.err());
    assertTrue(
        run.err().contains("must come directly before a document, a mapping key or a list item"),
        run.err());
  }

  @Test
  void settingsDisableAndChangeSeverities() {
    TestRepo repo = repo(HEARTBEAT);
    repo.file("aami.yaml", "validate:\n  disable: [alert/no-condition, alert/duplicate]\n");
    Cli run = validate(repo);
    assertEquals(ExitCode.FAILED, run.exitCode(), "the unused entry is a warning under --strict");
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:2:33: warning[suppress/unused]: validate.disable entry"
                    + " 'alert/duplicate' silences nothing in this repository"),
        run.err());
    assertFalse(run.err().contains("alert/no-condition]"), run.err());

    repo.file("aami.yaml", "validate:\n  severity:\n    alert/no-condition: error\n");
    Cli raised = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, raised.exitCode());
    assertTrue(raised.err().contains("error[alert/no-condition]"), raised.err());

    repo.file("aami.yaml", "validate:\n  severity:\n    alert/*: off\n    suppress/unused: off\n");
    Cli silenced = validate(repo);
    assertEquals(ExitCode.OK, silenced.exitCode(), silenced.err());
  }

  @Test
  void settingsCannotLowerAnErrorRenderNeeds() {
    TestRepo repo =
        repo(
            HEARTBEAT.replace(
                "rate(requests_total{ {{ .group_selector }} }[5m])", "sum(node_load1"));
    repo.file("aami.yaml", "validate:\n  severity:\n    alert/promql: warning\n");
    Cli run = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("error[alert/promql]"), run.err());
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:3:5: error[suppress/not-allowed]: validate settings"
                    + " cannot silence or lower the error alert/promql"),
        run.err());
  }

  @Test
  void badSettingsAreLocatedErrors() {
    TestRepo repo = repo(HEARTBEAT);
    repo.file("aami.yaml", "validate:\n  disabel: []\n  severity:\n    alert/no-condition: loud\n");
    Cli run = Cli.run("validate", "--repo", repo.root().toString(), "--no-suppress");
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:2:3: error[settings]: unknown field 'disabel'; did you mean 'disable'?"),
        run.err());
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:4:25: error[settings]: 'validate.severity.alert/no-condition'"
                    + " must be error, warning or off"),
        run.err());
  }

  /** Codes the live checks add (issue 20) are silenced the same way, by exact code or family. */
  @Test
  void suppressionsAreGenericOverCodes() {
    String text =
        "# aami-disable live/* -- the staging Prometheus is not scraped yet\n" + HEARTBEAT;
    Diagnostic live = new Diagnostic("rules.yaml", 8, 1, Severity.WARNING, "live/no-series", "m");
    Diagnostic other =
        new Diagnostic("rules.yaml", 8, 1, Severity.WARNING, "alert/no-condition", "n");
    Suppressor.Outcome outcome =
        Suppressor.apply(
            List.of(live, other),
            List.of("rules.yaml"),
            f -> Optional.of(text),
            ValidateSettings.NONE);
    assertEquals(List.of(other), outcome.diagnostics());
    assertEquals(1, outcome.suppressed());

    YMap settings =
        (YMap)
            YamlReader.read(
                    "aami.yaml",
                    "validate:\n  severity:\n    live/no-series: error\n"
                        .getBytes(StandardCharsets.UTF_8))
                .documents()
                .get(0);
    Suppressor.Outcome raised =
        Suppressor.apply(
            List.of(live),
            List.of(),
            f -> Optional.empty(),
            ValidateSettings.of(new Settings("aami.yaml", Optional.of(settings))));
    assertEquals(Severity.ERROR, raised.diagnostics().get(0).severity());
  }
}
