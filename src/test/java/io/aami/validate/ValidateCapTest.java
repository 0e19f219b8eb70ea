package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cap limits what validate prints, never what it counts: the case of 101 warnings and one
 * error in one file, in every format, and the rule that a repository that validates renders.
 */
class ValidateCapTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static String rule(String id, String query) {
    return "apiVersion: aami/v1\nkind: AlertRule\nid: "
        + id
        + "\ngroup_id: data\nname: "
        + id
        + "\nseverity: warning\nquery_template: '"
        + query
        + "'\n";
  }

  /** {@code warnings} rules without a condition, then {@code errors} that do not parse. */
  private TestRepo repo(int warnings, int errors) {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < warnings; i++) {
      docs.add(rule("NoCondition" + i, "rate(requests_total{ {{ .group_selector }} }[5m])"));
    }
    for (int i = 0; i < errors; i++) {
      docs.add(rule("Broken" + i, "node_load1 >"));
    }
    return new TestRepo(tmp.resolve("repo"))
        .file("inventory/groups.yaml", TestRepo.group("data", 10))
        .file("inventory/targets.yaml", TestRepo.target("db-01", "data"))
        .file("policies/alerts/many.yaml", String.join("---\n", docs));
  }

  @Test
  void oneErrorAfterAHundredAndOneWarningsFailsAndIsPrintedFirst() {
    TestRepo repo = repo(101, 1);
    Cli run = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    String first = run.err().lines().findFirst().orElseThrow();
    assertTrue(first.contains("error[alert/promql]"), first);
    assertTrue(run.err().contains("1 error, 101 warnings"), run.err());
    assertTrue(
        run.err()
            .contains(
                "policies/alerts/many.yaml: note: 2 more problems in this file left"
                    + " out (0 errors, 2 warnings); --max-problems 0 lists them all"),
        run.err());
    assertTrue(
        run.err()
            .contains(
                "aami: left out 2 problems (0 errors, 2 warnings) past the first"
                    + " 100 of 1 file"),
        run.err());
  }

  @Test
  void errorsBeyondTheCapAreCountedAndSaidToBeLeftOut() {
    TestRepo repo = repo(0, 5);
    Cli run = Cli.run("validate", "--repo", repo.root().toString(), "--max-problems", "2");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("5 errors, 0 warnings"), run.err());
    assertTrue(
        run.err().contains("3 more problems in this file left out (3 errors, 0 warnings)"),
        run.err());
    Cli all = Cli.run("validate", "--repo", repo.root().toString(), "--max-problems", "0");
    assertEquals(5, all.err().lines().filter(l -> l.contains("error[alert/promql]")).count());
    assertFalse(all.err().contains("left out"), all.err());
  }

  @Test
  void aNegativeCapIsAUsageError() {
    Cli run = Cli.run("validate", "--repo", repo(1, 0).root().toString(), "--max-problems", "-1");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--max-problems must be 0"), run.err());
  }

  @Test
  void machineFormatsCarryTheFullCountsAndWhatWasLeftOut() throws Exception {
    TestRepo repo = repo(101, 1);
    String root = repo.root().toString();
    JsonNode json = JSON.readTree(Cli.run("validate", "--repo", root, "-f", "json").out());
    assertEquals(1, json.at("/summary/errors").asInt());
    assertEquals(101, json.at("/summary/warnings").asInt());
    assertEquals(100, json.at("/summary/shown").asInt());
    assertEquals(100, json.get("diagnostics").size());
    assertEquals("error", json.at("/diagnostics/0/severity").asText());
    assertEquals(2, json.at("/summary/left_out/0/warnings").asInt());
    assertFalse(json.get("ok").asBoolean());

    JsonNode sarif = JSON.readTree(Cli.run("validate", "--repo", root, "-f", "sarif").out());
    JsonNode run = sarif.at("/runs/0");
    assertEquals(100, run.get("results").size());
    assertEquals(1, run.at("/properties/errors").asInt());
    assertEquals(2, run.at("/properties/leftOutWarnings").asInt());
    assertTrue(
        run.at("/invocations/0/toolExecutionNotifications/0/message/text")
            .asText()
            .contains("2 more problems in this file left out"));

    String junit = Cli.run("validate", "--repo", root, "-f", "junit").out();
    assertTrue(junit.contains("<property name=\"aami.warnings\" value=\"101\"/>"), junit);
    assertTrue(junit.contains("2 more problems in this file left out"), junit);

    String github = Cli.run("validate", "--repo", root, "-f", "github").out();
    assertTrue(
        github.contains(
            "::warning file=policies/alerts/many.yaml,title=aami%3A problems left"
                + " out::2 more problems"),
        github);
    assertTrue(github.contains("1 error, 101 warnings"), github);
  }

  @ParameterizedTest
  @ValueSource(ints = {150, 1000})
  void aRepositoryThatValidatesRenders(int warnings) {
    TestRepo repo = repo(warnings, 0);
    Cli validate = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.OK, validate.exitCode(), validate.err());
    Cli render =
        Cli.run("render", "--repo", repo.root().toString(), "--out", tmp.resolve("out").toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());

    repo.file("policies/alerts/z-last.yaml", rule("Broken", "sum(node_load1"));
    Cli failing = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, failing.exitCode());
    Cli refused =
        Cli.run(
            "render", "--repo", repo.root().toString(), "--out", tmp.resolve("out2").toString());
    assertEquals(ExitCode.FAILED, refused.exitCode(), refused.err());
  }

  @Test
  void suppressingAnErrorRenderNeedsIsRefusedSoValidateAndRenderStillAgree() {
    TestRepo repo = repo(120, 0);
    repo.file(
        "policies/alerts/z-last.yaml",
        "# aami-disable alert/promql -- trying to hide it\n" + rule("Broken", "sum(node_load1"));
    Cli validate = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, validate.exitCode());
    assertTrue(
        validate.err().contains("policies/alerts/z-last.yaml:1:1: error[suppress/not-allowed]:"),
        validate.err());
    assertTrue(validate.err().contains("error[alert/promql]"), validate.err());
    Cli render =
        Cli.run("render", "--repo", repo.root().toString(), "--out", tmp.resolve("out").toString());
    assertEquals(ExitCode.FAILED, render.exitCode());
  }
}
