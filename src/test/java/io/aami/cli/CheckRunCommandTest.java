package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import io.aami.testsupport.Tools;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami check run} through the real packaged agent: a check that succeeds, one whose output
 * the agent refuses (with the output line), a config override, and the refusals before anything
 * runs.
 */
@Timeout(120)
class CheckRunCommandTest {
  @TempDir Path dir;

  @BeforeEach
  void agentTools() {
    Tools.assumeOnPath("bash", "jq", "curl", "flock", "sha256sum", "timeout");
  }

  private Path repo(String script) {
    String template =
        """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: probe
        script_type: test
        language: bash
        version: 1.2.3
        timeout: 10s
        default_config: {limit: 5}
        script_content: |
        """
            + script.indent(2);
    new TestRepo(dir)
        .file("templates/probe.yaml", template)
        .file("policies/probe.yaml", TestRepo.policy("probe-global", null, "probe", ""))
        .file(
            "inventory/inventory.yaml",
            TestRepo.docs(TestRepo.group("web", 0), TestRepo.target("web-01", "web")));
    return dir;
  }

  @Test
  void runsTheExampleDiskCheckAsANodeWouldAndSucceeds() {
    Cli cli =
        Cli.run(
            "check",
            "run",
            "check-disk-usage",
            "--target",
            "dev-01",
            "--repo",
            Golden.projectDir().toString());
    assertEquals(0, cli.exitCode(), cli.out() + cli.err());
    assertTrue(
        cli.out().startsWith("check check-disk-usage for target dev-01 (policy "), cli.out());
    assertTrue(cli.out().contains("disk_usage_percent{mountpoint=\"/\"}"), cli.out());
    assertTrue(cli.out().contains("--- verdict: ok"), cli.out());
    assertTrue(cli.out().contains("aami_check_success{check=\"check-disk-usage\""), cli.out());
  }

  @Test
  void invalidOutputFailsWithTheLineTheAgentRefused() {
    Cli cli =
        Cli.run(
            "check",
            "run",
            "probe",
            "-t",
            "web-01",
            "--repo",
            repo("#!/bin/bash\necho 'probe_ok 1'\necho 'probe ok 1'\n").toString());
    assertEquals(1, cli.exitCode(), cli.out() + cli.err());
    assertTrue(cli.out().contains("   2 | probe ok 1"), cli.out());
    assertTrue(cli.out().contains("--- verdict: failed (invalid_output)"), cli.out());
    assertTrue(cli.out().contains("line 2:"), cli.out());
    assertTrue(
        cli.out().contains("aami_check_success{check=\"probe\",version=\"1.2.3\""), cli.out());
  }

  @Test
  void configOverrideReachesTheScriptThroughConfig() {
    Path repo =
        repo("#!/bin/bash\nlimit=$(jq -r .limit <<<\"$CONFIG\")\necho \"probe_limit $limit\"\n");
    Cli resolved = Cli.run("check", "run", "probe", "-t", "web-01", "--repo", repo.toString());
    assertEquals(0, resolved.exitCode(), resolved.out() + resolved.err());
    assertTrue(resolved.out().contains("   1 | probe_limit 5"), resolved.out());

    Cli overridden =
        Cli.run(
            "check",
            "run",
            "probe",
            "-t",
            "web-01",
            "--repo",
            repo.toString(),
            "--config",
            "{\"limit\": 42}");
    assertEquals(0, overridden.exitCode(), overridden.out() + overridden.err());
    assertTrue(overridden.out().contains("   1 | probe_limit 42"), overridden.out());
  }

  @Test
  void aScriptThatExitsNonZeroFails() {
    Cli cli =
        Cli.run(
            "check",
            "run",
            "probe",
            "-t",
            "web-01",
            "--repo",
            repo("#!/bin/bash\necho broken >&2\nexit 3\n").toString());
    assertEquals(1, cli.exitCode());
    assertTrue(cli.out().contains("--- verdict: failed (exit_status)"), cli.out());
    assertTrue(cli.out().contains("exited with status 3"), cli.out());
    assertTrue(cli.err().contains("broken"), cli.err());
  }

  @Test
  void refusesUnknownTargetsUnassignedChecksAndBadConfig() {
    Path repo = repo("#!/bin/bash\necho 'probe_ok 1'\n");
    Cli unknown = Cli.run("check", "run", "probe", "-t", "web-1", "--repo", repo.toString());
    assertEquals(1, unknown.exitCode());
    assertTrue(
        unknown
            .err()
            .contains(
                "unknown target 'web-1' (neither a target id nor a hostname); did you mean 'web-01'?"),
        unknown.err());

    Cli unassigned = Cli.run("check", "run", "prob", "-t", "web-01", "--repo", repo.toString());
    assertEquals(1, unassigned.exitCode());
    assertTrue(
        unassigned.err().contains("does not run check 'prob'; did you mean 'probe'?"),
        unassigned.err());
    assertEquals("", unassigned.out());

    Cli badJson =
        Cli.run(
            "check",
            "run",
            "probe",
            "-t",
            "web-01",
            "--repo",
            repo.toString(),
            "--config",
            "{limit:");
    assertEquals(2, badJson.exitCode());
    assertTrue(badJson.err().contains("--config is not valid JSON"), badJson.err());

    Cli notObject =
        Cli.run(
            "check", "run", "probe", "-t", "web-01", "--repo", repo.toString(), "--config", "[1]");
    assertEquals(2, notObject.exitCode());
  }
}
