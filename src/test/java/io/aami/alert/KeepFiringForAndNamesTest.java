package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.GitRepo;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alert names follow Prometheus (any text without control characters) and {@code keep_firing_for}
 * travels from templates and rules into every rule format, checked end to end and by promtool.
 */
class KeepFiringForAndNamesTest {
  @TempDir Path tmp;

  private TestRepo repo(String rules) {
    return new TestRepo(tmp.resolve("repo"))
        .file("aami.yaml", "# repository settings: defaults\n")
        .file("inventory/groups.yaml", TestRepo.group("data", 10))
        .file("inventory/targets.yaml", TestRepo.target("db-01", "data"))
        .file("policies/alerts/rules.yaml", rules);
  }

  private static String direct(String name, String config) {
    return "apiVersion: aami/v1\nkind: AlertRule\nid: r\ngroup_id: data\nname: "
        + name
        + "\nseverity: warning\nquery_template: up{ {{ .group_selector }} } == 0\n"
        + config;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"Service Is Down\"",
        "CassandraCommitlogPendingTasks(criteo)",
        "Cert-managerAbsent",
        "Kube.API.Latency",
        "\"Überlast ‑ Knoten\"",
        "'99thPercentileHigh'"
      })
  void namesPrometheusAcceptsValidateAndRenderUnchanged(String name) throws Exception {
    TestRepo repo = repo(direct(name, ""));
    Cli validate = Cli.run("validate", "--strict", "--repo", repo.root().toString());
    assertEquals(ExitCode.OK, validate.exitCode(), validate.err());
    Path out = tmp.resolve("out");
    Cli render = Cli.run("render", "--repo", repo.root().toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    String written = Files.readString(out.resolve("prometheus/rules/data.yaml"));
    String plain = name.replaceAll("^[\"']|[\"']$", "");
    assertTrue(written.contains(plain + "_data"), written);
  }

  @Test
  void anAlertNameWithAControlCharacterIsALocatedError() {
    TestRepo repo = repo(direct("\"Disk\\tFull\"", ""));
    Cli validate = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, validate.exitCode(), validate.err());
    assertTrue(
        validate
            .err()
            .contains(
                "policies/alerts/rules.yaml:5:7: error[schema]: invalid value"
                    + " 'Disk\\u0009Full': must be a non-empty alert name without control characters"),
        validate.err());
  }

  @Test
  void keepFiringForIsADurationCheckedWhereItIsWritten() {
    TestRepo repo = repo(direct("DiskFull", "config:\n  keep_firing_for: 5 minutes\n"));
    Cli validate = Cli.run("validate", "--repo", repo.root().toString());
    assertEquals(ExitCode.FAILED, validate.exitCode(), validate.err());
    assertTrue(
        validate.err().contains("policies/alerts/rules.yaml:9:20: error[format/duration]:"),
        validate.err());
  }

  @Test
  void keepFiringForIsRenderedIntoEveryRuleFormatAndShownByDiffCoverageAndExplain()
      throws Exception {
    TestRepo repo =
        repo(direct("DiskFull", "config:\n  for_duration: 5m\n  keep_firing_for: 10m\n"));
    Path out = tmp.resolve("out");
    Cli render = Cli.run("render", "--repo", repo.root().toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    for (String file : List.of("rules/data.yaml", "operator/data.yaml", "mimir/data.yaml")) {
      String text = Files.readString(out.resolve("prometheus/" + file));
      assertTrue(text.contains("for: 5m\n") && text.contains("keep_firing_for: 10m\n"), text);
    }
    Cli explain = Cli.run("resolve", "--repo", repo.root().toString(), "db-01", "--explain");
    assertTrue(explain.out().contains("Fires after 5m, keeps firing for 10m"), explain.out());
    Cli coverage =
        Cli.run("report", "coverage", "--repo", repo.root().toString(), "--format", "json");
    assertTrue(coverage.out().contains("\"keep_firing_for\": [\n"), coverage.out());
  }

  @Test
  void diffNamesAChangedKeepFiringFor() throws Exception {
    try (GitRepo git = GitRepo.init(tmp.resolve("git"))) {
      git.file("aami.yaml", "# repository settings: defaults\n")
          .file("inventory/groups.yaml", TestRepo.group("data", 10))
          .file("inventory/targets.yaml", TestRepo.target("db-01", "data"))
          .file(
              "policies/alerts/rules.yaml",
              direct("DiskFull", "config:\n  keep_firing_for: 10m\n"));
      String base = git.commit("base");
      git.file(
          "policies/alerts/rules.yaml", direct("DiskFull", "config:\n  keep_firing_for: 1h\n"));
      String head = git.commit("head");
      Cli diff = Cli.run("diff", "--repo", git.root().toString(), "--base", base, "--head", head);
      assertEquals(ExitCode.OK, diff.exitCode(), diff.err());
      assertTrue(
          diff.out().contains("keep_firing_for")
              && diff.out().contains("10m")
              && diff.out().contains("1h"),
          diff.out());
    }
  }

  @Test
  void renderedNamesAndKeepFiringForPassPromtool() throws Exception {
    Tools.assumeOnPath("promtool");
    Path rules =
        Golden.projectDir()
            .resolve("src/test/resources/golden/alerts/prometheus-names/expected/prometheus/rules");
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    try (Stream<Path> files = Files.list(rules)) {
      files.sorted().forEach(f -> command.add(f.toString()));
    }
    ProcessResult result = Processes.run(command, null, tmp);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("SUCCESS: 3 rules found"), result.stdout());
  }
}
