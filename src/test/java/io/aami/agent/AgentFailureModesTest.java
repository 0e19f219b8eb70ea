package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a run can go wrong, each proved against the real agent, server and file system. */
@Timeout(300)
class AgentFailureModesTest extends AgentTestBase {
  Path marker;

  @BeforeEach
  void placeMarker() {
    marker = dir.resolve("marker");
  }

  private static String successSeries(ObjectNode check) {
    return "aami_check_success{check=\""
        + check.get("name").asText()
        + "\",version=\""
        + check.get("version").asText()
        + "\",hash=\""
        + check.get("hash").asText()
        + "\"}";
  }

  // --- integrity
  // -----------------------------------------------------------------------------------------

  @Test
  void tamperedScriptContentIsRefusedNotCachedAndNotExecuted() throws Exception {
    ObjectNode honest = Checks.touching("toucher", dir.resolve("honest-ran"));
    publish(Checks.mountPoints(), honest);
    assertEquals(0, node.runOnce().exitCode());
    assertTrue(Files.exists(node.published("toucher")));

    // The content changes but the published hash still names the honest script.
    ObjectNode tampered = honest.deepCopy();
    tampered.put("script_content", Checks.touchScript(marker));
    publish(Checks.mountPoints(), tampered);
    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertFalse(Files.exists(marker), "the tampered script ran");
    assertTrue(
        result
            .stderr()
            .contains(
                "check toucher: REFUSED: script_content has sha256 "
                    + TestSite.sha256(Checks.touchScript(marker))
                    + " but the check list says "
                    + honest.get("hash").asText()),
        result.stderr());
    assertFalse(Files.exists(node.published("toucher")), "a stale success survived");
    assertEquals(
        List.of("check-mount-points-" + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT)),
        node.cachedScripts(),
        "the refused script or its old version is still cached");
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("0", metrics.get(successSeries(tampered)));
    assertEquals(
        "1", metrics.get("aami_check_failure{check=\"toucher\",reason=\"refused_hash_mismatch\"}"));
    assertEquals("1", metrics.get("aami_agent_checks_failed"));
    // The other check is unaffected.
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void aCachedScriptChangedOnDiskIsNeverRun() throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.runOnce().exitCode());
    Path cached =
        node.cacheDir.resolve(
            "checks/check-mount-points-" + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT));
    Files.writeString(cached, Checks.touchScript(marker));

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertFalse(Files.exists(marker), "the modified cached file ran");
    assertTrue(
        result
            .stderr()
            .contains(
                "check mount-points: cached "
                    + cached
                    + " has sha256 "
                    + TestSite.sha256(Checks.touchScript(marker))),
        result.stderr());
    assertEquals(Checks.MOUNT_POINTS_SCRIPT, Files.readString(cached));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void aCorruptCachedListIsFetchedAgainInsteadOfRevalidated() throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.runOnce().exitCode());
    Path cachedList = node.cacheDir.resolve("response.json");
    Files.writeString(cachedList, "[{\"name\": ");

    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("cached check list is not valid JSON"), result.stderr());
    assertEquals(0, node.accessLogCount("HTTP/1.1\" 304"), node.accessLog::toString);
    assertEquals(2, node.accessLogCount("HTTP/1.1\" 200"), node.accessLog::toString);
    assertEquals(node.site.published(Checks.TARGET), Files.readString(cachedList));
  }

  // --- the server or the network fails
  // --------------------------------------------------------------------

  @Test
  void withTheServerDownTheCachedListRunsAndTheMetricsSaySo() throws Exception {
    publish(Checks.mountPoints(), Checks.gpuCount());
    assertEquals(0, node.runOnce().exitCode());
    node.stopServer();
    Files.delete(node.published("mount-points"));
    Files.delete(node.published("gpu-count"));

    ProcessResult result = node.runOnce();

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("using the last good check list cached in"), result.stderr());
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    assertEquals(Checks.GPU_COUNT_OUTPUT, Files.readString(node.published("gpu-count")));
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("0", metrics.get("aami_agent_fetch_success"));
    assertEquals("1", metrics.get("aami_agent_using_cached_response"));
    assertEquals("2", metrics.get("aami_agent_checks_assigned"));
    assertEquals("1", metrics.get(successSeries(Checks.mountPoints())));
  }

  @Test
  void withTheServerDownAndNoCacheNothingRunsAndNothingStaleIsLeft() throws Exception {
    Files.writeString(node.textfileDir.resolve("aami_check_leftover.prom"), "leftover 1\n");
    node.stopServer();

    ProcessResult result = node.runOnce();

    assertEquals(3, result.exitCode(), result::toString);
    assertEquals(List.of("aami_agent.prom"), List.copyOf(node.textfiles().keySet()));
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("0", metrics.get("aami_agent_fetch_success"));
    assertEquals("0", metrics.get("aami_agent_using_cached_response"));
    assertEquals("0", metrics.get("aami_agent_checks_assigned"));
  }

  @Test
  void anUntrustedServerCertificateIsAFetchFailure() throws Exception {
    publish(Checks.touching("toucher", marker));
    Map<String, String> env = node.environment();
    env.remove("AAMI_CA_FILE"); // only the system CAs, which never signed the test certificate

    ProcessResult result = node.run(env, "--once");

    assertEquals(3, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("(curl exit 60)"), result.stderr());
    assertFalse(Files.exists(marker));
  }

  @Test
  void aServerErrorStatusKeepsTheCachedList() throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.runOnce().exitCode());
    Files.delete(node.site.root().resolve("api/v1/checks/target/" + Checks.TARGET));

    ProcessResult result = node.runOnce();

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("(curl exit 22)"), result.stderr());
    assertEquals("1", node.agentMetrics().get("aami_agent_using_cached_response"));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  // --- malformed check lists
  // ------------------------------------------------------------------------------

  static Stream<Arguments> malformedLists() {
    return Stream.of(
        Arguments.of(
            "an object instead of an array",
            "{}\n",
            "the check list must be a JSON array, got object"),
        Arguments.of("not JSON at all", "<html>oops</html>\n", "is not valid JSON"),
        Arguments.of("truncated JSON", "[{\"name\": \"evil\"", "is not valid JSON"),
        Arguments.of(
            "an empty body", "", "the response must be exactly one JSON document, found 0"),
        Arguments.of(
            "two documents",
            "[]\n[]\n",
            "the response must be exactly one JSON document, found 2"));
  }

  /** Entries that break the published-document contract, with the reason and the logged message. */
  static Stream<Arguments> invalidEntries() {
    ObjectNode good = Checks.touching("evil", Path.of("/nonexistent-marker"));
    ObjectNode badName = good.deepCopy().put("name", "../evil");
    ObjectNode longName = good.deepCopy().put("name", "n".repeat(129));
    ObjectNode badLanguage = good.deepCopy().put("language", "ruby");
    ObjectNode missingHash = good.deepCopy();
    missingHash.remove("hash");
    ObjectNode upperHash =
        good.deepCopy().put("hash", good.get("hash").asText().toUpperCase(Locale.ROOT));
    ObjectNode stringTimeout = good.deepCopy().put("timeout_seconds", "30");
    ObjectNode zeroTimeout = good.deepCopy().put("timeout_seconds", 0);
    ObjectNode twoDays = good.deepCopy().put("timeout_seconds", 172800);
    ObjectNode arrayConfig = good.deepCopy();
    arrayConfig.putArray("config");
    ObjectNode hugeConfig = good.deepCopy();
    hugeConfig.putObject("config").put("blob", "x".repeat(70_000));
    ObjectNode controlVersion = good.deepCopy().put("version", "1.0\n0");
    return Stream.of(
        Arguments.of(
            "a non-object element", "42", "#1", "not_an_object", "must be an object, got number"),
        Arguments.of(
            "an unsafe name",
            json(badName),
            "#1",
            "invalid_name",
            "name \"../evil\" does not match"),
        Arguments.of(
            "a name over 128 characters",
            json(longName),
            "#1",
            "invalid_name",
            "(max 128 characters)"),
        Arguments.of(
            "an unknown language",
            json(badLanguage),
            "evil",
            "invalid_language",
            "language \"ruby\" is not one of bash, sh, python"),
        Arguments.of(
            "a missing hash", json(missingHash), "evil", "missing_field", "missing field \"hash\""),
        Arguments.of(
            "an uppercase hash",
            json(upperHash),
            "evil",
            "invalid_hash",
            "\"hash\" must be 64 lowercase hex digits"),
        Arguments.of(
            "a string timeout",
            json(stringTimeout),
            "evil",
            "invalid_timeout",
            "\"timeout_seconds\" must be an integer from 1 to 86400"),
        Arguments.of(
            "a zero timeout",
            json(zeroTimeout),
            "evil",
            "invalid_timeout",
            "must be an integer from 1"),
        Arguments.of(
            "a two-day timeout", json(twoDays), "evil", "invalid_timeout", "from 1 to 86400"),
        Arguments.of(
            "an array config",
            json(arrayConfig),
            "evil",
            "invalid_config",
            "\"config\" must be an object"),
        Arguments.of(
            "a config too large for CONFIG",
            json(hugeConfig),
            "evil",
            "config_too_large",
            "bytes of JSON, more than 65536"),
        Arguments.of(
            "a control character in version",
            json(controlVersion),
            "evil",
            "invalid_field",
            "\"version\" contains control characters"));
  }

  private static String json(ObjectNode check) {
    try {
      return TestSite.JSON.writeValueAsString(check);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEntries")
  void anInvalidEntryIsRefusedAloneWithAReasonAndTheOthersRun(
      String what, String entry, String label, String reason, String message) throws Exception {
    String body = "[" + json(Checks.mountPoints()) + ",\n" + entry + "]\n";
    node.site.publishRaw(Checks.TARGET, body.replace("/nonexistent-marker", marker.toString()));

    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("check " + label + ": REFUSED (" + reason + "): "),
        () -> "expected the refusal in\n" + result.stderr());
    assertTrue(
        result.stderr().contains(message),
        () -> "expected '" + message + "' in\n" + result.stderr());
    assertFalse(Files.exists(marker), "the refused entry ran");
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    Map<String, String> metrics = node.agentMetrics();
    assertEquals(
        "1",
        metrics.get("aami_check_refused{check=\"" + label + "\",reason=\"" + reason + "\"}"),
        metrics::toString);
    assertEquals("1", metrics.get("aami_agent_checks_refused"));
    assertEquals("1", metrics.get("aami_agent_fetch_success"));
    assertEquals("0", metrics.get("aami_agent_response_rejected"));
    assertEquals(
        body.replace("/nonexistent-marker", marker.toString()),
        Files.readString(node.cacheDir.resolve("response.json")),
        "a list with refused entries is still cached");
  }

  @Test
  void entriesSharingANameAreAllRefusedAndReportedOnce() throws Exception {
    ObjectNode evil = Checks.touching("evil", marker);
    publish(Checks.mountPoints(), evil, evil);

    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertFalse(Files.exists(marker));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    List<String> refusedSeries =
        Files.readAllLines(node.agentMetricsFile()).stream()
            .filter(line -> line.startsWith("aami_check_refused{"))
            .toList();
    assertEquals(
        List.of("aami_check_refused{check=\"evil\",reason=\"duplicate_name\"} 1"), refusedSeries);
    Optional<ProcessResult> promtool =
        Tools.onPath("promtool").isEmpty()
            ? Optional.empty()
            : Optional.of(
                Processes.run(
                    List.of(
                        "sh",
                        "-c",
                        "promtool check metrics < \"$1\"",
                        "sh",
                        node.agentMetricsFile().toString()),
                    Map.of("PATH", System.getenv("PATH")),
                    dir));
    promtool.ifPresent(lint -> assertFalse(lint.exitCode() == 1, lint::toString));
  }

  private static String list(ObjectNode... checks) {
    try {
      return TestSite.JSON.writeValueAsString(List.of(checks)) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedLists")
  void aMalformedListIsRejectedWholeAndTheLastGoodOneKept(String what, String body, String reason)
      throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.runOnce().exitCode());
    String lastGood = node.site.published(Checks.TARGET);
    node.site.publishRaw(Checks.TARGET, body.replace("/nonexistent-marker", marker.toString()));
    Files.delete(node.published("mount-points"));

    ProcessResult result = node.runOnce();

    assertEquals(4, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains(reason), () -> "expected '" + reason + "' in\n" + result.stderr());
    assertFalse(Files.exists(marker), "a check of the rejected list ran");
    assertEquals(lastGood, Files.readString(node.cacheDir.resolve("response.json")));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("1", metrics.get("aami_agent_response_rejected"));
    assertEquals("1", metrics.get("aami_agent_using_cached_response"));
    assertEquals("0", metrics.get("aami_agent_fetch_success"));
  }

  @Test
  void aMalformedListWithoutCacheRunsNothing() throws Exception {
    node.site.publishRaw(
        Checks.TARGET, "{\"checks\": " + list(Checks.touching("evil", marker)) + "}\n");

    ProcessResult result = node.runOnce();

    assertEquals(3, result.exitCode(), result::toString);
    assertFalse(Files.exists(marker));
    assertFalse(Files.exists(node.cacheDir.resolve("response.json")));
    assertEquals("1", node.agentMetrics().get("aami_agent_response_rejected"));
  }

  // --- checks that misbehave
  // ------------------------------------------------------------------------------

  @Test
  void aHangingCheckIsKilledAtItsTimeoutWithItsChildren() throws Exception {
    Path pids = dir.resolve("pids");
    String script =
        "echo $$ > '"
            + pids
            + ".script'\n"
            + "sleep 300 &\n"
            + "echo $! > '"
            + pids
            + ".child'\n"
            + "wait\n"
            + "touch '"
            + marker
            + "'\n"
            + "echo 'never_reached 1'\n";
    ObjectNode hanging = TestSite.check("hangs", "bash", script, Map.of(), 1);
    publish(hanging, Checks.mountPoints());

    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("check hangs: killed after its timeout of 1s"), result.stderr());
    assertFalse(
        Processes.isRunning(Long.parseLong(Files.readString(Path.of(pids + ".script")).strip())),
        "the check's shell survived its timeout");
    assertFalse(
        Processes.isRunning(Long.parseLong(Files.readString(Path.of(pids + ".child")).strip())),
        "the check's child process survived its timeout");
    assertFalse(Files.exists(marker));
    assertFalse(Files.exists(node.published("hangs")));
    assertEquals(
        "1", node.agentMetrics().get("aami_check_failure{check=\"hangs\",reason=\"timeout\"}"));
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  static Stream<Arguments> garbageOutputs() {
    return Stream.of(
        Arguments.of("prose", "all disks are fine\n", "line 1: expected one value"),
        Arguments.of(
            "a timestamp", "disk_ok 1 1700000000000\n", "line 1: timestamps are not allowed"),
        Arguments.of("no trailing newline", "disk_ok 1", "output does not end with a newline"),
        Arguments.of(
            "an unterminated label", "disk_ok{path=\"/data} 1\n", "line 1: malformed label set"),
        Arguments.of("a non-numeric value", "disk_ok yes\n", "line 1: value 'yes' is not a number"),
        Arguments.of(
            "a spoofed agent metric",
            "aami_check_success{check=\"other\"} 1\n",
            "line 1: metric name aami_check_success is reserved"),
        Arguments.of(
            "a duplicate series", "disk_ok 1\ndisk_ok 0\n", "line 2: duplicate series disk_ok"),
        Arguments.of(
            "a bad TYPE",
            "# TYPE disk_ok number\ndisk_ok 1\n",
            "line 1: malformed HELP/TYPE line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbageOutputs")
  void invalidOutputIsNotPublishedAndTheOldFileIsRemoved(String what, String output, String reason)
      throws Exception {
    publish(Checks.printing("disk", "disk_ok 1\n"));
    assertEquals(0, node.runOnce().exitCode());
    assertEquals("disk_ok 1\n", Files.readString(node.published("disk")));

    ObjectNode garbage = Checks.printing("disk", output);
    publish(garbage);
    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .stderr()
            .contains("check disk: output is not valid Prometheus text exposition: " + reason),
        () -> "expected '" + reason + "' in\n" + result.stderr());
    assertFalse(Files.exists(node.published("disk")), "a stale success survived");
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("0", metrics.get(successSeries(garbage)));
    assertEquals("1", metrics.get("aami_check_failure{check=\"disk\",reason=\"invalid_output\"}"));
  }

  @Test
  void aFailingExitStatusIsReportedAndNothingPublished() throws Exception {
    publish(
        TestSite.check(
            "fails", "bash", "echo 'half_done 1'\necho 'broken' >&2\nexit 3\n", Map.of(), 30));

    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("check fails: stderr: broken"), result.stderr());
    assertTrue(result.stderr().contains("check fails: exited with status 3"), result.stderr());
    assertFalse(Files.exists(node.published("fails")));
    assertEquals(
        "1", node.agentMetrics().get("aami_check_failure{check=\"fails\",reason=\"exit_status\"}"));
  }

  // --- assignment changes
  // ---------------------------------------------------------------------------------

  @Test
  void aCheckRemovedFromTheListLosesItsFileAndCachedScript() throws Exception {
    publish(Checks.mountPoints(), Checks.gpuCount());
    assertEquals(0, node.runOnce().exitCode());
    assertTrue(Files.exists(node.published("gpu-count")));

    publish(Checks.mountPoints());
    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        List.of("aami_agent.prom", "aami_check_mount-points.prom"),
        List.copyOf(node.textfiles().keySet()));
    assertEquals(
        List.of("check-mount-points-" + TestSite.sha256(Checks.MOUNT_POINTS_SCRIPT)),
        node.cachedScripts());
    assertFalse(Files.readString(node.agentMetricsFile()).contains("gpu-count"));
    assertEquals("1", node.agentMetrics().get("aami_agent_checks_assigned"));
  }

  @Test
  void anEmptyListRemovesEveryCheckFile() throws Exception {
    publish(Checks.mountPoints());
    assertEquals(0, node.runOnce().exitCode());

    node.site.publishRaw(Checks.TARGET, "[]\n");
    ProcessResult result = node.runOnce();

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(List.of("aami_agent.prom"), List.copyOf(node.textfiles().keySet()));
    assertEquals(List.of(), node.cachedScripts());
    assertEquals("0", node.agentMetrics().get("aami_agent_checks_assigned"));
  }

  @Test
  void filesOfOtherExportersInTheTextfileDirectoryAreLeftAlone() throws Exception {
    Path foreign = Files.writeString(node.textfileDir.resolve("smartmon.prom"), "smart_ok 1\n");
    publish(Checks.mountPoints());

    assertEquals(0, node.runOnce().exitCode());

    assertEquals("smart_ok 1\n", Files.readString(foreign));
  }

  // --- concurrency and local problems
  // ---------------------------------------------------------------------

  @Test
  void concurrentRunsSerialiseOnTheLock() throws Exception {
    Path log = dir.resolve("serial.log");
    Path release = dir.resolve("release");
    String script =
        "echo \"start $$\" >> '"
            + log
            + "'\n"
            + "for _ in $(seq 1 600); do [ -e '"
            + release
            + "' ] && break; sleep 0.1; done\n"
            + "echo \"end $$\" >> '"
            + log
            + "'\n"
            + "echo 'serial_ok 1'\n";
    publish(TestSite.check("serial", "bash", script, Map.of(), 120));

    Process first = node.start(node.environment(), "--once");
    Processes.waitUntil(() -> Files.exists(log) && Files.readString(log).startsWith("start "));
    Process second = node.start(node.environment(), "--once");
    // The second run is blocked: the kernel's lock table lists its flock(1) child as waiting ("->")
    // for the lock the first run holds, so it cannot have started a check.
    Processes.waitUntil(
        () ->
            waitsForALock(
                second
                    .descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/flock")).orElse(false))
                    .toList()));
    assertEquals(
        1, Files.readAllLines(log).size(), "the second run started a check under the lock");
    Files.writeString(release, "");

    ProcessResult firstResult = Processes.finish(first);
    ProcessResult secondResult = Processes.finish(second);

    assertEquals(0, firstResult.exitCode(), firstResult::toString);
    assertEquals(0, secondResult.exitCode(), secondResult::toString);
    List<String> lines = Files.readAllLines(log);
    assertEquals(4, lines.size(), lines::toString);
    String a = lines.get(0).substring("start ".length());
    String b = lines.get(2).substring("start ".length());
    assertEquals(List.of("start " + a, "end " + a, "start " + b, "end " + b), lines);
    assertFalse(a.equals(b));
  }

  @Test
  void aLockHeldLongerThanLockWaitExits5() throws Exception {
    publish(Checks.touching("toucher", marker));
    try (AgentHarness.LockHolder holder = node.holdLock()) {
      ProcessResult result = node.runOnce("--lock-wait", "0");

      assertEquals(5, result.exitCode(), result::toString);
      assertTrue(result.stderr().contains("another run held"), result.stderr());
      assertFalse(Files.exists(marker));
    }
  }

  @Test
  void aMissingTextfileDirectoryExits6() throws Exception {
    publish(Checks.touching("toucher", marker));
    Map<String, String> env = node.environment();
    env.put("AAMI_TEXTFILE_DIR", dir.resolve("no-such-dir").toString());

    ProcessResult result = node.run(env, "--once");

    assertEquals(6, result.exitCode(), result::toString);
    assertTrue(
        result
            .stderr()
            .contains("textfile directory " + dir.resolve("no-such-dir") + " does not exist"),
        result.stderr());
    assertFalse(Files.exists(marker));
  }

  @Test
  void leftoverTemporaryFilesOfAnInterruptedRunAreCleanedUp() throws Exception {
    Path leftover =
        Files.writeString(node.textfileDir.resolve(".aami_check_disk.prom.tmp.abc123"), "x");
    publish(Checks.mountPoints());

    assertEquals(0, node.runOnce().exitCode());

    assertFalse(Files.exists(leftover));
  }

  /**
   * True when /proc/locks lists one of {@code processes} as waiting for a flock ("N: -> FLOCK ...
   * pid ...").
   */
  private static boolean waitsForALock(List<ProcessHandle> processes) throws java.io.IOException {
    Pattern waiter = Pattern.compile("^\\d+:\\s+->\\s+FLOCK\\s+\\S+\\s+\\S+\\s+(\\d+)\\s");
    for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
      java.util.regex.Matcher m = waiter.matcher(line);
      if (m.find() && processes.stream().anyMatch(p -> Long.toString(p.pid()).equals(m.group(1)))) {
        return true;
      }
    }
    return false;
  }
}
