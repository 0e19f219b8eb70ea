package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent under conditions a node meets sooner or later: signals from systemd or an operator, a
 * server that sends far too much, checks that write too much or die of a signal, a missing
 * interpreter, node_exporter running as another user, and check names with dots.
 */
@Timeout(300)
class AgentRobustnessTest extends AgentTestBase {
  /** The agent's response and check-output limit (MAX_RESPONSE_BYTES, MAX_CHECK_FILE_KIB). */
  private static final int LIMIT_BYTES = 16 * 1024 * 1024;

  private static final long PROMPT_EXIT_SECONDS = 20;

  Path tmp;

  @BeforeEach
  void makeTmp() throws Exception {
    tmp = Files.createDirectories(dir.resolve("tmp"));
  }

  /** The node's environment with TMPDIR in the test directory, so leftovers can be seen. */
  private Map<String, String> environment() {
    Map<String, String> env = node.environment();
    env.put("TMPDIR", tmp.toString());
    return env;
  }

  // --- signals
  // --------------------------------------------------------------------------------------------

  /** A check that records its own pid and its child's, then hangs far longer than any test. */
  private ObjectNode hangingCheck(Path pids) {
    String script =
        "echo $$ > '"
            + pids
            + ".script'\n"
            + "sleep 300 &\n"
            + "echo $! > '"
            + pids
            + ".child'\n"
            + "wait\n"
            + "echo 'never_reached 1'\n";
    return TestSite.check("hangs", "bash", script, Map.of(), 600);
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "INT", "HUP"})
  void aSignalDuringACheckStopsItAtOnceAndLeavesNothingBehind(String signal) throws Exception {
    Path pids = dir.resolve("pids");
    publish(Checks.mountPoints(), hangingCheck(pids));
    Process agent = node.startWithDefaultSignals(environment(), "--once");
    Path childPid = Path.of(pids + ".child");
    Processes.waitUntil(() -> Files.exists(childPid) && !Files.readString(childPid).isBlank());
    signal(agent, signal);

    assertTrue(
        agent.waitFor(PROMPT_EXIT_SECONDS, TimeUnit.SECONDS), "the agent did not stop promptly");
    ProcessResult result = Processes.finish(agent);
    int expected = Map.of("TERM", 143, "INT", 130, "HUP", 129).get(signal);
    assertEquals(expected, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("dynamic-check: warning: received SIG" + signal + "; stopping\n"),
        result.stderr());
    assertTrue(
        result.stderr().contains("dynamic-check: warning: run interrupted; stopping it\n"),
        result.stderr());
    long script = Long.parseLong(Files.readString(Path.of(pids + ".script")).strip());
    long child = Long.parseLong(Files.readString(childPid).strip());
    Processes.waitUntil(() -> !Processes.isRunning(script) && !Processes.isRunning(child));
    assertEquals(List.of(), list(tmp), "the run's temporary directory survived");
    assertTrue(
        node.textfiles().keySet().stream().noneMatch(name -> name.startsWith(".")),
        node.textfiles().keySet()::toString);
    // The lock went with the run: the next one gets it without waiting.
    publish(Checks.mountPoints());
    ProcessResult next = node.run(environment(), "--once", "--lock-wait", "0");
    assertEquals(0, next.exitCode(), next::toString);
  }

  @Test
  void sigtermWhileWaitingForTheLockStopsAtOnce() throws Exception {
    publish(Checks.mountPoints());
    try (AgentHarness.LockHolder holder = node.holdLock()) {
      Process agent = node.start(environment(), "--once", "--lock-wait", "600");
      Processes.waitUntil(
          () ->
              agent
                  .descendants()
                  .anyMatch(p -> p.info().command().map(c -> c.endsWith("/flock")).orElse(false)));

      signal(agent, "TERM");

      assertTrue(
          agent.waitFor(PROMPT_EXIT_SECONDS, TimeUnit.SECONDS), "the agent waited for the lock");
      assertEquals(143, agent.exitValue());
      assertFalse(Files.exists(node.published("mount-points")));
    }
  }

  @Test
  void sigtermBetweenRunsEndsTheLoop() throws Exception {
    publish(Checks.mountPoints());
    Map<String, String> env = environment();
    env.put("AAMI_INTERVAL", "600");
    Process agent = node.start(env);
    Processes.waitUntil(() -> Files.exists(node.agentMetricsFile()));
    // The run wrote its metrics; once its subshell is gone only the pause remains.
    Processes.waitUntil(
        () -> {
          List<ProcessHandle> children = agent.descendants().toList();
          return !children.isEmpty()
              && children.stream()
                  .allMatch(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false));
        });

    signal(agent, "TERM");

    assertTrue(agent.waitFor(PROMPT_EXIT_SECONDS, TimeUnit.SECONDS), "the agent slept on");
    assertEquals(143, agent.exitValue());
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertEquals(0, kill.waitFor());
  }

  /**
   * Whether processes this JVM starts begin with the signal ignored (a runner started in the
   * background without job control does that to SIGINT); POSIX shells cannot trap a signal ignored
   * from birth.
   */
  // --- a server that sends too much
  // -----------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chunked", "with Content-Length"})
  void aResponseLargerThan16MiBIsRefusedWithoutFillingTheDisk(String framing) throws Exception {
    HttpServer flood =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    long size = LIMIT_BYTES + 1024 * 1024;
    flood.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, framing.equals("chunked") ? 0 : size);
          byte[] block = new byte[64 * 1024];
          java.util.Arrays.fill(block, (byte) ' ');
          try (OutputStream body = exchange.getResponseBody()) {
            for (long sent = 0; sent < size; sent += block.length) {
              body.write(block);
            }
          } catch (IOException e) {
            // the agent hung up, as it should
          }
        });
    flood.start();
    try {
      Map<String, String> env = environment();
      env.put("AAMI_BASE_URL", "http://127.0.0.1:" + flood.getAddress().getPort());

      ProcessResult result = node.run(env, "--once", "--insecure-http");

      assertEquals(3, result.exitCode(), result::toString);
      assertTrue(
          result.stderr().contains("the response is larger than 16777216 bytes"), result.stderr());
      assertEquals(List.of(), list(tmp));
      assertFalse(Files.exists(node.cacheDir.resolve("response.json")));
    } finally {
      flood.stop(0);
    }
  }

  @Test
  void aServerThatNeverAnswersCostsNoMoreThanMaxTime() throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.run(environment(), "--once").exitCode());
    // Connections complete in the kernel's backlog, but nothing ever reads or answers them.
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, String> env = environment();
      env.put("AAMI_BASE_URL", "https://127.0.0.1:" + silent.getLocalPort());
      Files.delete(node.published("mount-points"));
      long start = System.nanoTime();

      ProcessResult result = node.run(env, "--once", "--max-time", "2");

      assertTrue(
          System.nanoTime() - start < TimeUnit.SECONDS.toNanos(PROMPT_EXIT_SECONDS),
          result::toString);
      assertEquals(3, result.exitCode(), "the cache belongs to another URL: " + result);
      assertTrue(result.stderr().contains("(curl exit 28)"), result.stderr());
    }
  }

  @Test
  void a304WithoutACachedListIsExplained() throws Exception {
    HttpServer liar =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    liar.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
        });
    liar.start();
    try {
      Map<String, String> env = environment();
      env.put("AAMI_BASE_URL", "http://127.0.0.1:" + liar.getAddress().getPort());

      ProcessResult result = node.run(env, "--once", "--insecure-http");

      assertEquals(3, result.exitCode(), result::toString);
      assertTrue(
          result
              .stderr()
              .contains("answered 304 Not Modified, but no cached check list for it is left"),
          result.stderr());
    } finally {
      liar.stop(0);
    }
  }

  // --- checks that misbehave
  // ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bash", "python"})
  void aCheckWritingMoreThanTheLimitFailsAsOutputTooLarge(String language) throws Exception {
    String script =
        language.equals("bash")
            ? "echo 'ok 1'\nhead -c " + (LIMIT_BYTES + 4096) + " /dev/zero | tr '\\0' '#'\n"
            // python3 ignores SIGXFSZ, so it meets the limit as an EFBIG write error instead.
            : "import sys\nsys.stdout.write('#' * " + (LIMIT_BYTES + 4096) + ")\n";
    ObjectNode flood = TestSite.check("flood", language, script, Map.of(), 60);
    publish(Checks.mountPoints(), flood);

    ProcessResult result = node.run(environment(), "--once");

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("check flood: wrote more than 16384 KiB"), result.stderr());
    assertFalse(Files.exists(node.published("flood")));
    assertEquals(
        "1",
        node.agentMetrics().get("aami_check_failure{check=\"flood\",reason=\"output_too_large\"}"));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void whatAProcessLeftBehindWritesLaterNeverReachesThePublishedFile() throws Exception {
    Path wrote = dir.resolve("leftover-wrote");
    String script =
        "( sleep 1; echo 'garbage that is not a metric'; touch '"
            + wrote
            + "' ) &\n"
            + "echo 'disk_ok 1'\n";
    publish(TestSite.check("leaves", "bash", script, Map.of(), 30));

    ProcessResult result = node.run(environment(), "--once");

    assertEquals(0, result.exitCode(), result::toString);
    Processes.waitUntil(() -> Files.exists(wrote));
    assertEquals("disk_ok 1\n", Files.readString(node.published("leaves")));
  }

  @Test
  void aLongStderrLineIsCutInTheLog() throws Exception {
    publish(
        TestSite.check("noisy", "bash", "printf '%05000d\\n' 0 >&2\necho 'ok 1'\n", Map.of(), 30));

    ProcessResult result = node.run(environment(), "--once");

    assertEquals(0, result.exitCode(), result::toString);
    String logged =
        result
            .stderr()
            .lines()
            .filter(line -> line.contains("check noisy: stderr: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(result.stderr()));
    assertEquals(
        "dynamic-check: check noisy: stderr: " + "0".repeat(1000) + "... (truncated)", logged);
  }

  @Test
  void aCheckKilledByASignalBeforeItsTimeoutIsNotCalledATimeout() throws Exception {
    publish(TestSite.check("oom", "bash", "echo 'partial 1'\nkill -KILL $$\n", Map.of(), 60));

    ProcessResult result = node.run(environment(), "--once");

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("check oom: killed by signal 9 (KILL)"), result.stderr());
    assertFalse(result.stderr().contains("timeout"), result.stderr());
    assertEquals(
        "1", node.agentMetrics().get("aami_check_failure{check=\"oom\",reason=\"exit_status\"}"));
  }

  @Test
  void aMissingInterpreterFailsOnlyThatCheck() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool :
        List.of(
            "bash",
            "curl",
            "jq",
            "awk",
            "flock",
            "sha256sum",
            "timeout",
            "mktemp",
            "date",
            "cat",
            "rm",
            "mv",
            "chmod",
            "wc",
            "tr",
            "tail",
            "cmp",
            "touch",
            "mkdir",
            "env",
            "uname",
            "sleep",
            "mountpoint")) {
      Files.createSymbolicLink(
          bin.resolve(tool),
          Tools.onPath(tool)
              .orElseThrow(
                  () ->
                      new org.opentest4j.TestAbortedException(
                          "skipped: " + tool + " not on PATH")));
    }
    publish(Checks.mountPoints(), Checks.gpuCount());
    Map<String, String> env = environment();
    env.put("PATH", bin.toString());

    ProcessResult result = node.run(env, "--once");

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("check gpu-count: interpreter python3 not found"),
        result.stderr());
    assertEquals(
        "1",
        node.agentMetrics()
            .get("aami_check_failure{check=\"gpu-count\",reason=\"interpreter_missing\"}"));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  // --- files and names
  // ------------------------------------------------------------------------------------

  @Test
  void publishedFilesAreReadableByNodeExporterAndTheCacheIsPrivate() throws Exception {
    publish(Checks.mountPoints());

    ProcessResult result = node.run(environment(), "--once");

    assertEquals(0, result.exitCode(), result::toString);
    for (String name : node.textfiles().keySet()) {
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(node.textfileDir.resolve(name))),
          name);
    }
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node.cacheDir)));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(node.cacheDir.resolve("response.json"))));
  }

  @Test
  void checkNamesWithDotsArePublishedAndRemovedLikeAnyOther() throws Exception {
    ObjectNode dotted = Checks.printing("disk.usage-v2", "disk_ok 1\n");
    publish(Checks.mountPoints(), dotted);
    assertEquals(0, node.run(environment(), "--once").exitCode());
    assertEquals("disk_ok 1\n", Files.readString(node.published("disk.usage-v2")));
    assertEquals(
        "1",
        node.agentMetrics()
            .get(
                "aami_check_success{check=\"disk.usage-v2\",version=\"1.0.0\","
                    + "hash=\""
                    + dotted.get("hash").asText()
                    + "\"}"));

    publish(Checks.mountPoints());
    ProcessResult result = node.run(environment(), "--once");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        List.of("aami_agent.prom", "aami_check_mount-points.prom"),
        List.copyOf(node.textfiles().keySet()));
  }

  // --- helpers
  // --------------------------------------------------------------------------------------------

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
