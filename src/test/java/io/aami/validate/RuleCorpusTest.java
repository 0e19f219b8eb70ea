package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a repository of a few thousand real-world-shaped rules ({@link
 * RuleCorpus}) passes {@code validate --strict} after suppressions that each carry a reason,
 * without false {@code range-too-short}, {@code template-label} or {@code no-condition} findings,
 * and renders rule files promtool accepts.
 */
class RuleCorpusTest {
  private static final int GROUPS = 24;
  private static final int RULES_PER_GROUP = 125;

  @TempDir static Path tmp;
  static Path repo;

  @BeforeAll
  static void writeCorpus() {
    repo = tmp.resolve("corpus");
    assertEquals(3000, RuleCorpus.write(repo, GROUPS, RULES_PER_GROUP));
  }

  @Test
  void passesStrictAfterReasonedSuppressions() throws Exception {
    Cli run = Cli.run("validate", "--strict", "--repo", repo.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.err().contains("no problems (" + GROUPS + " suppressed"), run.err());
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.strip().startsWith("# aami-disable") && !file.toString().contains("templates")) {
            assertTrue(
                line.contains(" -- ") && line.split(" -- ", 2)[1].length() > 20,
                "every suppression says why: " + line);
          }
        }
      }
    }
  }

  @Test
  void withoutSuppressionsOnlyTheDeliberateShortRangesRemain() {
    Cli run =
        Cli.run("validate", "--no-suppress", "--max-problems", "0", "--repo", repo.toString());
    List<String> findings =
        run.err().lines().filter(l -> l.contains(": warning[") || l.contains(": error[")).toList();
    assertEquals(
        GROUPS,
        findings.size(),
        String.join("\n", findings.subList(0, Math.min(20, findings.size()))));
    assertTrue(
        findings.stream()
            .allMatch(
                l ->
                    l.contains("warning[alert/range-too-short]")
                        && l.contains("'mount_check_errors_total'")),
        findings.get(0));
    assertFalse(
        run.err().contains("alert/no-condition"), "no-condition is an error in this repository");
    assertFalse(run.err().contains("alert/template-label"));
  }

  @Test
  void rendersRuleFilesPromtoolAccepts() throws Exception {
    Path out = tmp.resolve("out");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    String rules = Files.readString(out.resolve("prometheus/rules/cluster-0.yaml"));
    assertTrue(
        rules.contains("alert: HAProxy down (instance 0)_cluster-0"), rules.substring(0, 400));
    assertTrue(rules.contains("keep_firing_for: 10m"), "mixin rules keep their keep_firing_for");
    Tools.assumeOnPath("promtool");
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    try (Stream<Path> files = Files.list(out.resolve("prometheus/rules"))) {
      files.sorted().forEach(f -> command.add(f.toString()));
    }
    ProcessResult result = Processes.run(command, null, tmp);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
  }
}
