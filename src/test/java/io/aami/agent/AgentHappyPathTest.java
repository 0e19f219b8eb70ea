package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** dynamic-check.sh against a real HTTPS aami serve: the paths where everything works. */
@Timeout(300)
class AgentHappyPathTest extends AgentTestBase {
  @BeforeEach
  void publishChecks() throws Exception {
    publish(Checks.gpuCount(), Checks.mountPoints());
  }

  @Test
  void theGpuClusterTargetGetsItsMetricsInTheTextfileDirectory() throws Exception {
    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.stdout());
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    assertEquals(Checks.GPU_COUNT_OUTPUT, Files.readString(node.published("gpu-count")));
    assertEquals(
        List.of("aami_agent.prom", "aami_check_gpu-count.prom", "aami_check_mount-points.prom"),
        List.copyOf(node.textfiles().keySet()));

    Map<String, String> metrics = node.agentMetrics();
    assertEquals("1", metrics.get("aami_agent_fetch_success"));
    assertEquals("0", metrics.get("aami_agent_using_cached_response"));
    assertEquals("0", metrics.get("aami_agent_response_not_modified"));
    assertEquals("0", metrics.get("aami_agent_response_rejected"));
    assertEquals("2", metrics.get("aami_agent_checks_assigned"));
    assertEquals("0", metrics.get("aami_agent_checks_failed"));
    assertEquals(
        "1",
        metrics.get(
            "aami_check_success{check=\"mount-points\",version=\"1.0.0\",hash=\""
                + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT)
                + "\"}"));
    assertEquals(
        "1",
        metrics.get(
            "aami_check_success{check=\"gpu-count\",version=\"1.0.0\",hash=\""
                + TestSite.sha256(Checks.GPU_COUNT_SCRIPT)
                + "\"}"));
    assertTrue(metrics.containsKey("aami_check_duration_seconds{check=\"mount-points\"}"));
    assertTrue(metrics.containsKey("aami_check_last_run_timestamp_seconds{check=\"gpu-count\"}"));
    assertTrue(metrics.containsKey("aami_agent_last_run_timestamp_seconds"));
    assertFalse(
        metrics.keySet().stream().anyMatch(series -> series.startsWith("aami_check_failure{")));
  }

  @Test
  void everyPublishedFilePassesPromtool() throws Exception {
    assumeTrue(
        Tools.onPath("promtool").isPresent(),
        "skipped: promtool not on PATH (apt-get install prometheus) - cannot lint the published metrics");
    ProcessResult result = node.runOnce();
    assertEquals(0, result.exitCode(), result::toString);

    for (String name : node.textfiles().keySet()) {
      ProcessResult lint =
          Processes.run(
              List.of(
                  "sh",
                  "-c",
                  "promtool check metrics < \"$1\"",
                  "sh",
                  node.textfileDir.resolve(name).toString()),
              Map.of("PATH", System.getenv("PATH")),
              dir);
      assertEquals(0, lint.exitCode(), () -> name + ": " + lint);
    }
  }

  @Test
  void checkStderrGoesToTheLogNeverIntoMetrics() throws Exception {
    ProcessResult result = node.runOnce();

    assertTrue(
        result.stderr().contains("check gpu-count: stderr: config read from stdin"),
        result.stderr());
    assertFalse(Files.readString(node.published("gpu-count")).contains("config read"));
  }

  @Test
  void theHostnamePathOfTheOriginalAgentsWorksToo() throws Exception {
    Map<String, String> env = node.environment();
    env.remove("AAMI_TARGET_ID");
    env.put("AAMI_HOSTNAME", Checks.HOSTNAME);

    ProcessResult result = node.run(env, "--once");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    assertEquals(
        1,
        node.accessLogCount(
            "\"GET /api/v1/checks/target/hostname/" + Checks.HOSTNAME + " HTTP/1.1\" 200"));
  }

  @Test
  void anUnchangedCheckListIsRevalidatedWith304AndTheCacheIsReused() throws Exception {
    assertEquals(0, node.runOnce().exitCode());
    Files.delete(node.published("mount-points"));

    ProcessResult second = node.runOnce();

    assertEquals(0, second.exitCode(), second::toString);
    assertEquals(
        1,
        node.accessLogCount("\"GET /api/v1/checks/target/" + Checks.TARGET + " HTTP/1.1\" 304 0 "),
        node.accessLog::toString);
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("1", metrics.get("aami_agent_response_not_modified"));
    assertEquals("1", metrics.get("aami_agent_fetch_success"));
    assertEquals("0", metrics.get("aami_agent_using_cached_response"));
    // The 304 carried no body: the checks ran from the cached list.
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void aChangedScriptReachesTheNodeAndItsOldCachedVersionIsPruned() throws Exception {
    assertEquals(0, node.runOnce().exitCode());
    String oldCacheName = "check-mount-points-" + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT);
    assertTrue(node.cachedScripts().contains(oldCacheName), node.cachedScripts()::toString);

    ObjectNode updated = Checks.printing("mount-points", "mount_check{path=\"/data\"} 1\n");
    updated.put("version", "1.1.0");
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, List.of(Checks.gpuCount(), updated));
    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        "mount_check{path=\"/data\"} 1\n", Files.readString(node.published("mount-points")));
    String newHash = updated.get("hash").asText();
    assertEquals(
        "1",
        node.agentMetrics()
            .get(
                "aami_check_success{check=\"mount-points\",version=\"1.1.0\",hash=\""
                    + newHash
                    + "\"}"));
    assertFalse(node.cachedScripts().contains(oldCacheName), node.cachedScripts()::toString);
    assertTrue(node.cachedScripts().contains("check-mount-points-" + newHash));
  }

  @Test
  void debugLogsGoToStderrOnly() throws Exception {
    ProcessResult result = node.runOnce("--debug");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.stdout());
    assertTrue(
        result.stderr().contains("dynamic-check: debug: fetched a new check list (HTTP 200)"),
        result.stderr());
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void dryRunFetchesAndVerifiesButRunsAndWritesNothing() throws Exception {
    Path marker = dir.resolve("ran");
    node.site.publish(
        Checks.TARGET,
        Checks.HOSTNAME,
        List.of(Checks.mountPoints(), Checks.touching("toucher", marker)));

    ProcessResult result = node.run(node.environment(), "--dry-run");

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stdout().contains("2 checks assigned\n"), result.stdout());
    assertTrue(
        result
            .stdout()
            .contains(
                "would run   mount-points (language bash, version 1.0.0,"
                    + " timeout 30s, sha256 "
                    + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT)
                    + " verified)"),
        result.stdout());
    assertTrue(result.stdout().contains("would run   toucher (language sh"), result.stdout());
    assertFalse(Files.exists(marker), "dry run executed a check");
    assertEquals(Map.of(), node.textfiles());
    assertFalse(Files.exists(node.cacheDir.resolve("response.json")));
    assertEquals(List.of(), node.cachedScripts());
  }

  @Test
  void withoutOnceTheAgentKeepsRunningUntilStopped() throws Exception {
    Map<String, String> env = node.environment();
    env.put("AAMI_INTERVAL", "1");
    Process loop = node.start(env);
    try {
      // Two runs prove the loop: the second one revalidates with If-None-Match and gets a 304.
      for (int waited = 0; node.accessLogCount("HTTP/1.1\" 304") == 0 && waited < 600; waited++) {
        Thread.sleep(100);
      }
      assertTrue(node.accessLogCount("HTTP/1.1\" 304") > 0, node.accessLog::toString);
      assertTrue(loop.isAlive());
    } finally {
      // The whole tree, so that no run in progress writes into the directories being deleted.
      List<ProcessHandle> tree = new java.util.ArrayList<>(loop.descendants().toList());
      tree.add(loop.toHandle());
      tree.forEach(ProcessHandle::destroy);
      for (ProcessHandle process : tree) {
        process
            .onExit()
            .get(Processes.SAFETY_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }
}
