package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --jobs N} (issue 22): up to N checks at once, each under its own timeout, with the
 * textfile output, the metrics and the log in list order whichever check finishes first; and a list
 * of 500 checks. Behaviour only: how much faster it is, bench/agent.sh measures.
 */
class AgentJobsTest extends AgentTestBase {
  private static final Pattern CHECK_LOG = Pattern.compile("check (c\\d+)");

  /** A check that sleeps, logs one stderr line and prints one gauge named after itself. */
  private static ObjectNode sleeping(String name, String seconds) {
    return TestSite.check(
        name,
        "bash",
        "sleep "
            + seconds
            + "\necho 'done "
            + name
            + "' >&2\n"
            + "echo '"
            + name.replace('-', '_')
            + "_value 1'\n",
        Map.of(),
        30);
  }

  /** Names in the order the log mentions them, each once. */
  private static List<String> logOrder(String stderr) {
    List<String> order = new ArrayList<>();
    Matcher m = CHECK_LOG.matcher(stderr);
    while (m.find()) {
      if (!order.contains(m.group(1))) {
        order.add(m.group(1));
      }
    }
    return order;
  }

  /** aami_agent.prom without the lines that carry times, which differ between any two runs. */
  private String metricsWithoutTimes() throws Exception {
    return String.join(
        "\n",
        Files.readAllLines(node.agentMetricsFile()).stream()
            .filter(
                line ->
                    !line.matches(
                        "^aami_(agent|check)_(last_run_timestamp|duration|response_timestamp)_seconds.*"))
            .toList());
  }

  @Test
  void checksFinishingInReverseOrderAreReportedInListOrder() throws Exception {
    publish(sleeping("c0", "1.5"), sleeping("c1", "1"), sleeping("c2", "0.5"), sleeping("c3", "0"));
    ProcessResult result = node.runOnce("--jobs", "4");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(List.of("c0", "c1", "c2", "c3"), logOrder(result.stderr()), result.stderr());
    List<String> series =
        Files.readAllLines(node.agentMetricsFile()).stream()
            .filter(line -> line.startsWith("aami_check_success{"))
            .toList();
    assertEquals(4, series.size(), series::toString);
    for (int i = 0; i < 4; i++) {
      assertTrue(
          series.get(i).startsWith("aami_check_success{check=\"c" + i + "\""), series::toString);
      assertEquals("c" + i + "_value 1\n", Files.readString(node.published("c" + i)));
    }
  }

  @Test
  void aFailingCheckAmongSucceedingOnesAndATimeoutGiveTheSameResultsAsOneAtATime()
      throws Exception {
    ObjectNode timesOut =
        TestSite.check("c2", "bash", "sleep 30\necho 'c2_value 1'\n", Map.of(), 1);
    ObjectNode fails = TestSite.check("c4", "bash", "echo 'partial 1'\nexit 3\n", Map.of(), 30);
    ObjectNode invalid = Checks.printing("c5", "not a metric line\n");
    publish(
        sleeping("c0", "0.2"),
        sleeping("c1", "0"),
        timesOut,
        sleeping("c3", "0.3"),
        fails,
        invalid,
        sleeping("c6", "0"));

    // Both compared runs confirm the cached list with a 304, so only the job count differs.
    node.runOnce();
    ProcessResult parallel = node.runOnce("--jobs", "4");
    String parallelMetrics = metricsWithoutTimes();
    ProcessResult serial = node.runOnce("--jobs", "1");

    for (ProcessResult result : List.of(parallel, serial)) {
      assertEquals(1, result.exitCode(), result::toString);
      assertTrue(
          result.stderr().contains("check c2: killed after its timeout of 1s"), result.stderr());
      assertTrue(result.stderr().contains("check c4: exited with status 3"), result.stderr());
      assertTrue(
          result.stderr().contains("check c5: output is not valid Prometheus text exposition"),
          result.stderr());
      assertEquals(
          List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6"),
          logOrder(result.stderr()),
          result.stderr());
    }
    assertEquals(serial.stderr(), parallel.stderr(), "the same log, in the same order");
    assertEquals(metricsWithoutTimes(), parallelMetrics);
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("1", metrics.get("aami_check_failure{check=\"c2\",reason=\"timeout\"}"));
    assertEquals("1", metrics.get("aami_check_failure{check=\"c4\",reason=\"exit_status\"}"));
    assertEquals("1", metrics.get("aami_check_failure{check=\"c5\",reason=\"invalid_output\"}"));
    assertEquals("3", metrics.get("aami_agent_checks_failed"));
    for (String ok : List.of("c0", "c1", "c3", "c6")) {
      assertTrue(Files.exists(node.published(ok)), ok);
    }
    for (String failed : List.of("c2", "c4", "c5")) {
      assertFalse(Files.exists(node.published(failed)), failed);
    }
  }

  @Test
  void eachCheckKeepsItsOwnTimeoutWhileOthersRun() throws Exception {
    ObjectNode quick = TestSite.check("c0", "bash", "sleep 30\n", Map.of(), 1);
    ObjectNode slower = TestSite.check("c1", "bash", "sleep 2.5\necho 'c1_value 1'\n", Map.of(), 5);
    ObjectNode slow = TestSite.check("c2", "bash", "sleep 30\n", Map.of(), 2);
    publish(quick, slower, slow);

    ProcessResult result = node.runOnce("--jobs", "3");

    assertEquals(1, result.exitCode(), result::toString);
    Map<String, String> metrics = node.agentMetrics();
    assertEquals(
        "1", metrics.get("aami_check_failure{check=\"c0\",reason=\"timeout\"}"), metrics::toString);
    assertEquals(
        "1", metrics.get("aami_check_failure{check=\"c2\",reason=\"timeout\"}"), metrics::toString);
    assertEquals(
        "1",
        metrics.get(
            "aami_check_success{check=\"c1\",version=\"1.0.0\",hash=\""
                + slower.get("hash").asText()
                + "\"}"),
        metrics::toString);
    assertTrue(
        result.stderr().contains("check c0: killed after its timeout of 1s"), result.stderr());
    assertTrue(
        result.stderr().contains("check c2: killed after its timeout of 2s"), result.stderr());
    assertEquals(
        "c1_value 1\n", Files.readString(node.published("c1")), "c1 outlived the others' timeouts");
  }

  /** Each check records when it started and ended; the intervals show how many ran at once. */
  private int maxConcurrent(Path spans, int count) throws Exception {
    List<long[]> intervals = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> lines = Files.readAllLines(spans.resolve("c" + i));
      intervals.add(new long[] {Long.parseLong(lines.get(0)), Long.parseLong(lines.get(1))});
    }
    int max = 0;
    for (long[] a : intervals) {
      int at = 0;
      for (long[] b : intervals) {
        if (b[0] <= a[0] && a[0] < b[1]) {
          at++;
        }
      }
      max = Math.max(max, at);
    }
    return max;
  }

  private List<ObjectNode> oneSecondChecks(Path spans, int count) {
    List<ObjectNode> checks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      checks.add(
          TestSite.check(
              "c" + i,
              "bash",
              "date +%s%N > '"
                  + spans.resolve("c" + i)
                  + "'\nsleep 1\n"
                  + "date +%s%N >> '"
                  + spans.resolve("c" + i)
                  + "'\necho 'c"
                  + i
                  + "_value 1'\n",
              Map.of(),
              10));
    }
    return checks;
  }

  @Test
  void aHundredOneSecondChecksRunFourAtATimeWithJobs4AndOneAtATimeWithout() throws Exception {
    Path spans = Files.createDirectories(dir.resolve("spans"));
    List<ObjectNode> checks = oneSecondChecks(spans, 100);
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, checks);

    ProcessResult parallel = node.runOnce("--jobs", "4");
    assertEquals(0, parallel.exitCode(), parallel::toString);
    assertEquals(4, maxConcurrent(spans, 100), "at most 4 at once, and 4 at some point");
    assertEquals(
        100, node.textfiles().keySet().stream().filter(n -> n.startsWith("aami_check_c")).count());

    Map<String, String> env = node.environment();
    env.put("AAMI_JOBS", "1");
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, checks.subList(0, 5));
    ProcessResult serial = node.run(env, "--once");
    assertEquals(0, serial.exitCode(), serial::toString);
    assertEquals(1, maxConcurrent(spans, 5), "one at a time by default");
  }

  @Test
  void aTermStopsEveryRunningCheckAndTheirChildren() throws Exception {
    List<ObjectNode> checks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path pids = dir.resolve("pids-" + i);
      checks.add(
          TestSite.check(
              "c" + i,
              "bash",
              "sleep 300 &\necho $! > '"
                  + pids
                  + ".tmp'\n"
                  + "mv '"
                  + pids
                  + ".tmp' '"
                  + pids
                  + "'\nwait\n",
              Map.of(),
              600));
    }
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, checks);
    Process agent = node.start(node.environment(), "--once", "--jobs", "3");
    for (int i = 0; i < 3; i++) {
      Path pids = dir.resolve("pids-" + i);
      Processes.waitUntil(() -> Files.exists(pids));
    }

    new ProcessBuilder("kill", "-TERM", Long.toString(agent.pid())).start().waitFor();

    assertTrue(agent.waitFor(20, TimeUnit.SECONDS), "the agent did not stop promptly");
    assertEquals(143, agent.exitValue());
    for (int i = 0; i < 3; i++) {
      long child = Long.parseLong(Files.readString(dir.resolve("pids-" + i)).strip());
      Processes.waitUntil(() -> !Processes.isRunning(child));
    }
  }

  @Test
  void aListOf500ChecksRunsWholeAndInOrder() throws Exception {
    List<ObjectNode> checks = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      checks.add(
          Checks.printing(
              String.format("c%03d", i), "# TYPE m" + i + " gauge\nm" + i + " " + i + "\n"));
    }
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, checks);

    for (String jobs : List.of("1", "2")) {
      ProcessResult result = node.runOnce("--jobs", jobs);
      assertEquals(0, result.exitCode(), result::toString);
      Map<String, String> metrics = node.agentMetrics();
      assertEquals("500", metrics.get("aami_agent_checks_assigned"));
      assertEquals("0", metrics.get("aami_agent_checks_failed"));
      List<String> order =
          Files.readAllLines(node.agentMetricsFile()).stream()
              .filter(line -> line.startsWith("aami_check_success{"))
              .map(line -> line.substring(26, 30))
              .toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        expected.add(String.format("c%03d", i));
      }
      assertEquals(expected, order);
      assertEquals("# TYPE m499 gauge\nm499 499\n", Files.readString(node.published("c499")));
      assertEquals(500, node.cachedScripts().size());
    }
  }
}
