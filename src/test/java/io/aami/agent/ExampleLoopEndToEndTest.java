package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.aami.cli.Main;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's "done when", as an operator runs it on one machine: {@code aami render} of the example
 * repository at the project root, {@code aami serve --tls-self-signed --ca-out} as its own JVM
 * process, and {@code agent/dynamic-check.sh --once} for the example's gpu-cluster node trusting
 * that CA. The example's own check scripts run for real; the rendered alert rules are then
 * evaluated by promtool on the series they produced.
 */
@Timeout(300)
class ExampleLoopEndToEndTest {
  private static final String TARGET = "gpu-node-01";
  private static final String HOSTNAME = "gpu-node-01.example.internal";
  private static final Path PROJECT = Tools.projectDir().toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path shared;
  static Path site;
  static Path caFile;
  static Path serveLog;
  static Process server;
  static String baseUrl;

  @TempDir Path machine;

  @BeforeAll
  static void renderAndServe() throws Exception {
    Tools.assumeOnPath("bash", "curl", "jq", "flock", "sha256sum", "timeout", "mountpoint", "df");
    site = shared.resolve("public");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rendered =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "render",
            "--repo",
            PROJECT.toString(),
            "--out",
            site.toString());
    assertEquals(0, rendered, () -> "aami render failed:\n" + out + err);

    caFile = shared.resolve("ca.pem");
    serveLog = shared.resolve("serve.log");
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--dir",
                site.toString(),
                "--port",
                "0",
                "--tls-self-signed",
                "--ca-out",
                caFile.toString())
            .directory(shared.toFile())
            .redirectError(serveLog.toFile())
            .start();
    server.getOutputStream().close();
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String url = Processes.readLine(stdout);
    assertTrue(
        url != null && url.matches("https://127\\.0\\.0\\.1:\\d+/"),
        () -> "aami serve printed " + url + "\n" + readQuietly(serveLog));
    baseUrl = url.substring(0, url.length() - 1);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy(); // SIGTERM: the graceful stop an operator's Ctrl-C or systemd gives it
      server.waitFor(Processes.SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }

  // --- the agent on the node
  // ------------------------------------------------------------------------------

  private record Node(Path textfileDir, Path cacheDir) {}

  private Node node(String name) throws Exception {
    return new Node(
        Files.createDirectories(machine.resolve(name + "/textfile")),
        machine.resolve(name + "/cache"));
  }

  private ProcessResult agent(Node on, String target, String... mode) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("AAMI_CA_FILE", caFile.toString());
    // No /etc/aami/agent.conf of this machine may take part.
    env.put("AAMI_AGENT_CONFIG", Files.writeString(machine.resolve("agent.conf"), "").toString());
    List<String> command =
        new ArrayList<>(List.of("bash", PROJECT.resolve("agent/dynamic-check.sh").toString()));
    command.addAll(List.of(mode));
    command.addAll(
        List.of(
            "--base-url",
            baseUrl,
            "--target-id",
            target,
            "--textfile-dir",
            on.textfileDir().toString(),
            "--cache-dir",
            on.cacheDir().toString()));
    return Processes.run(command, env, machine);
  }

  /** The check list aami render published for a target, as the agent receives it. */
  private static JsonNode checkList(String target) throws Exception {
    return JSON.readTree(site.resolve("api/v1/checks/target/" + target).toFile());
  }

  private static JsonNode check(JsonNode list, String name) {
    for (JsonNode check : list) {
      if (check.get("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + list);
  }

  // --- the tests
  // ------------------------------------------------------------------------------------------

  @Test
  void theGpuNodeGetsValidMetricsFromTheExampleChecks() throws Exception {
    Node gpuNode = node("gpu");

    ProcessResult result = agent(gpuNode, TARGET, "--once");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.stdout());
    assertEquals(
        List.of(
            "aami_agent.prom",
            "aami_check_check-disk-usage.prom",
            "aami_check_check-mount-points.prom"),
        fileNames(gpuNode.textfileDir()));
    for (String file : fileNames(gpuNode.textfileDir())) {
      assertEquals(
          "rw-r--r--",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(gpuNode.textfileDir().resolve(file))),
          file + " unreadable for node_exporter");
    }

    // The gpu-cluster group policy's mount points; none is mounted on a test machine, so 0 (unless
    // it is).
    JsonNode list = checkList(TARGET);
    List<String> mountPoints = new ArrayList<>();
    check(list, "check-mount-points")
        .get("config")
        .get("mount_points")
        .forEach(p -> mountPoints.add(p.asText()));
    assertEquals(List.of("/mnt/models", "/mnt/scratch", "/mnt/datasets"), mountPoints);
    StringBuilder expectedMounts =
        new StringBuilder(
            "# HELP mount_check Mount point accessibility (1=ok, 0=fail)\n# TYPE mount_check gauge\n");
    for (String mountPoint : mountPoints) {
      expectedMounts
          .append("mount_check{path=\"")
          .append(mountPoint)
          .append("\"} ")
          .append(mountedAndWritable(mountPoint) ? 1 : 0)
          .append('\n');
    }
    assertEquals(
        expectedMounts.toString(),
        Files.readString(gpuNode.textfileDir().resolve("aami_check_check-mount-points.prom")));

    // The global disk policy with the template's defaults: "/" and thresholds 80/90.
    List<String> disk =
        Files.readAllLines(gpuNode.textfileDir().resolve("aami_check_check-disk-usage.prom"));
    assertEquals(
        List.of(
            "# HELP disk_usage_percent Used space of the filesystem holding the mountpoint, in percent",
            "# TYPE disk_usage_percent gauge"),
        disk.subList(0, 2));
    assertTrue(
        disk.get(2).matches("disk_usage_percent\\{mountpoint=\"/\"} (100|[1-9]?[0-9])"),
        disk.get(2));
    assertEquals(
        List.of(
            "# HELP disk_usage_up Whether the mountpoint could be measured (1=yes, 0=no)",
            "# TYPE disk_usage_up gauge",
            "disk_usage_up{mountpoint=\"/\"} 1",
            "# HELP disk_usage_threshold_percent Disk usage alert thresholds configured for this node",
            "# TYPE disk_usage_threshold_percent gauge",
            "disk_usage_threshold_percent{level=\"critical\"} 90",
            "disk_usage_threshold_percent{level=\"warning\"} 80"),
        disk.subList(3, disk.size()));

    Map<String, String> metrics = samples(gpuNode.textfileDir().resolve("aami_agent.prom"));
    assertEquals("1", metrics.get("aami_agent_fetch_success"));
    assertEquals("0", metrics.get("aami_agent_using_cached_response"));
    assertEquals("0", metrics.get("aami_agent_response_rejected"));
    assertEquals("2", metrics.get("aami_agent_checks_assigned"));
    assertEquals("0", metrics.get("aami_agent_checks_failed"));
    for (JsonNode check : list) {
      String name = check.get("name").asText();
      assertEquals(
          "1",
          metrics.get(
              "aami_check_success{check=\""
                  + name
                  + "\",version=\""
                  + check.get("version").asText()
                  + "\",hash=\""
                  + check.get("hash").asText()
                  + "\"}"),
          name);
      assertTrue(
          metrics
              .get("aami_check_duration_seconds{check=\"" + name + "\"}")
              .matches("\\d+\\.\\d{3}"));
      assertTrue(
          metrics.containsKey("aami_check_last_run_timestamp_seconds{check=\"" + name + "\"}"));
    }
    assertFalse(
        metrics.keySet().stream().anyMatch(series -> series.startsWith("aami_check_failure{")));
    assertTrue(
        readQuietly(serveLog)
            .contains("\"GET /api/v2/checks/target/" + TARGET + " HTTP/1.1\" 200 "),
        "the compact form");
  }

  @Test
  void everyPublishedFilePassesPromtool() throws Exception {
    assumeTrue(
        Tools.onPath("promtool").isPresent(),
        "skipped: promtool not on PATH (apt-get install prometheus) - cannot lint the published metrics");
    Node gpuNode = node("gpu");
    ProcessResult result = agent(gpuNode, TARGET, "--once");
    assertEquals(0, result.exitCode(), result::toString);

    for (String file : fileNames(gpuNode.textfileDir())) {
      ProcessResult lint =
          Processes.run(
              List.of(
                  "sh",
                  "-c",
                  "promtool check metrics < \"$1\"",
                  "sh",
                  gpuNode.textfileDir().resolve(file).toString()),
              Map.of("PATH", System.getenv("PATH")),
              machine);
      assertEquals(0, lint.exitCode(), () -> file + ": " + lint);
    }
  }

  @Test
  void theNextRunIsAnswered304AndRunsTheCachedList() throws Exception {
    Node gpuNode = node("gpu");
    assertEquals(0, agent(gpuNode, TARGET, "--once").exitCode());
    long before = count304();

    ProcessResult second = agent(gpuNode, TARGET, "--once");

    assertEquals(0, second.exitCode(), second::toString);
    assertEquals(before + 1, count304(), () -> readQuietly(serveLog));
    Map<String, String> metrics = samples(gpuNode.textfileDir().resolve("aami_agent.prom"));
    assertEquals("1", metrics.get("aami_agent_response_not_modified"));
    assertEquals("2", metrics.get("aami_agent_checks_assigned"));
  }

  @Test
  void theHostnamePathServesTheSameChecks() throws Exception {
    Node gpuNode = node("gpu");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PATH",
                System.getenv("PATH"),
                "AAMI_CA_FILE",
                caFile.toString(),
                "AAMI_BASE_URL",
                baseUrl,
                "AAMI_HOSTNAME",
                HOSTNAME,
                "AAMI_TEXTFILE_DIR",
                gpuNode.textfileDir().toString(),
                "AAMI_CACHE_DIR",
                gpuNode.cacheDir().toString(),
                "AAMI_AGENT_CONFIG",
                Files.writeString(machine.resolve("agent.conf"), "").toString()));

    ProcessResult result =
        Processes.run(
            List.of("bash", PROJECT.resolve("agent/dynamic-check.sh").toString(), "--once"),
            env,
            machine);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        List.of(
            "aami_agent.prom",
            "aami_check_check-disk-usage.prom",
            "aami_check_check-mount-points.prom"),
        fileNames(gpuNode.textfileDir()));
  }

  @Test
  void aDryRunShowsWhatWouldRunWithItsConfig() throws Exception {
    Node gpuNode = node("gpu");
    JsonNode list = checkList(TARGET);

    ProcessResult result = agent(gpuNode, TARGET, "--dry-run");

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        List.of(
            "fetched the check list from " + baseUrl + "/api/v2/checks/target/" + TARGET,
            "2 checks assigned",
            "would run   check-disk-usage (language bash, version 1.0.0, timeout 10s, sha256 "
                + check(list, "check-disk-usage").get("hash").asText()
                + " verified)",
            "              CONFIG {\"mountpoints\":[\"/\"],\"thresholds\":{\"critical\":90,\"warning\":80}}",
            "would run   check-mount-points (language bash, version 1.0.0, timeout 30s, sha256 "
                + check(list, "check-mount-points").get("hash").asText()
                + " verified)",
            "              CONFIG {\"mount_points\":[\"/mnt/models\",\"/mnt/scratch\",\"/mnt/datasets\"]}"),
        result.stdout().lines().toList());
    assertEquals(List.of(), fileNames(gpuNode.textfileDir()));
  }

  /**
   * The rendered rules select what the example checks publish: promtool evaluates each group's rule
   * file over the series a node of that group produced, with the labels its file_sd entry adds at
   * scrape time. gpu-db-01 is in gpu-cluster and critical-services, so both rule files apply to it.
   */
  @Test
  void theRenderedAlertRulesFireOnTheSeriesTheChecksPublish() throws Exception {
    assumeTrue(
        Tools.onPath("promtool").isPresent(),
        "skipped: promtool not on PATH (apt-get install prometheus) - cannot evaluate the rendered rules");
    Node gpuDb = node("gpu-db");
    ProcessResult run = agent(gpuDb, "gpu-db-01", "--once");
    assertEquals(0, run.exitCode(), run::toString);
    Map<String, String> targetLabels =
        scrapeLabels("gpu-cluster", "gpu-db-01.example.internal:9100");

    List<Map<String, String>> mountSeries =
        seriesOf(gpuDb, "aami_check_check-mount-points.prom", "mount_check");
    List<Map<String, String>> diskSeries =
        seriesOf(gpuDb, "aami_check_check-disk-usage.prom", "disk_usage_percent");
    assertEquals(
        List.of(Map.of("path", "/srv/db")), mountSeries, "critical-services' mount policy wins");
    assertEquals(List.of(Map.of("mountpoint", "/")), diskSeries);

    // Every mount point down (as on this machine) and a full disk (whatever this one's is).
    List<String> inputSeries = new ArrayList<>();
    List<String> mountAlerts = new ArrayList<>();
    JsonNode mountRule = rule("gpu-cluster", "MountPointUnavailable_gpu-cluster");
    for (Map<String, String> labels : mountSeries) {
      inputSeries.add(series("mount_check", labels, targetLabels, "0x10"));
      mountAlerts.add(expectedAlert(mountRule, labels, targetLabels, "0"));
    }
    List<String> diskAlerts = new ArrayList<>();
    JsonNode diskRule = rule("critical-services", "HighDiskUsage_critical-services");
    for (Map<String, String> labels : diskSeries) {
      inputSeries.add(series("disk_usage_percent", labels, targetLabels, "95x10"));
      diskAlerts.add(expectedAlert(diskRule, labels, targetLabels, "95"));
    }
    String test =
        "rule_files:\n"
            + "  - "
            + site.resolve("prometheus/rules/gpu-cluster.yaml")
            + "\n"
            + "  - "
            + site.resolve("prometheus/rules/critical-services.yaml")
            + "\n"
            + "evaluation_interval: 1m\n"
            + "tests:\n"
            + "  - interval: 1m\n"
            + "    input_series:\n"
            + String.join("", inputSeries)
            + "    alert_rule_test:\n"
            + "      - eval_time: 10m\n"
            + "        alertname: MountPointUnavailable_gpu-cluster\n"
            + "        exp_alerts:\n"
            + String.join("", mountAlerts)
            + "      - eval_time: 10m\n"
            + "        alertname: HighDiskUsage_critical-services\n"
            + "        exp_alerts:\n"
            + String.join("", diskAlerts);
    Path testFile = Files.writeString(machine.resolve("rules-test.yaml"), test);

    ProcessResult promtool =
        Processes.run(
            List.of("promtool", "test", "rules", testFile.toString()),
            Map.of("PATH", System.getenv("PATH")),
            machine);

    assertEquals(0, promtool.exitCode(), () -> promtool + "\n--- test ---\n" + test);
  }

  // --- helpers
  // --------------------------------------------------------------------------------------------

  private static boolean mountedAndWritable(String path) throws Exception {
    ProcessResult mountpoint =
        Processes.run(
            List.of("mountpoint", "-q", "--", path),
            Map.of("PATH", System.getenv("PATH")),
            Path.of("/"));
    return mountpoint.exitCode() == 0 && Files.isWritable(Path.of(path));
  }

  private long count304() {
    return readQuietly(serveLog)
        .lines()
        .filter(
            line -> line.contains("\"GET /api/v2/checks/target/" + TARGET + " HTTP/1.1\" 304 0 "))
        .count();
  }

  private static List<String> fileNames(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  /** Samples of a .prom file, keyed by series as written. */
  private static Map<String, String> samples(Path file) throws Exception {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }

  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The label sets of one metric in a published file (label values here need no unescaping). */
  private static List<Map<String, String>> seriesOf(Node on, String file, String metric)
      throws Exception {
    List<Map<String, String>> series = new ArrayList<>();
    for (String key : samples(on.textfileDir().resolve(file)).keySet()) {
      if (key.startsWith(metric + "{")) {
        Map<String, String> labels = new TreeMap<>();
        Matcher matcher = LABEL.matcher(key.substring(metric.length()));
        while (matcher.find()) {
          labels.put(matcher.group(1), matcher.group(2));
        }
        series.add(labels);
      }
    }
    return series;
  }

  /**
   * The labels Prometheus attaches when it scrapes the target through the rendered file_sd list.
   */
  private static Map<String, String> scrapeLabels(String group, String address) throws Exception {
    for (JsonNode entry :
        JSON.readTree(site.resolve("prometheus/file_sd/" + group + ".json").toFile())) {
      for (JsonNode target : entry.get("targets")) {
        if (target.asText().equals(address)) {
          Map<String, String> labels = new TreeMap<>();
          entry
              .get("labels")
              .properties()
              .forEach(field -> labels.put(field.getKey(), field.getValue().asText()));
          labels.put("instance", address);
          labels.put("job", "node");
          return labels;
        }
      }
    }
    throw new AssertionError(address + " is not in the file_sd list of " + group);
  }

  private static JsonNode rule(String group, String alert) throws Exception {
    JsonNode rules = YAML.readTree(site.resolve("prometheus/rules/" + group + ".yaml").toFile());
    for (JsonNode ruleGroup : rules.get("groups")) {
      for (JsonNode rule : ruleGroup.get("rules")) {
        if (rule.path("alert").asText().equals(alert)) {
          return rule;
        }
      }
    }
    throw new AssertionError("no alert " + alert + " in the rules of " + group);
  }

  private static String series(
      String metric, Map<String, String> labels, Map<String, String> targetLabels, String values)
      throws Exception {
    Map<String, String> all = new TreeMap<>(targetLabels);
    all.putAll(labels);
    StringBuilder selector = new StringBuilder(metric).append('{');
    for (Map.Entry<String, String> label : all.entrySet()) {
      selector
          .append(label.getKey())
          .append('=')
          .append(JSON.writeValueAsString(label.getValue()))
          .append(',');
    }
    selector.setCharAt(selector.length() - 1, '}');
    return "      - series: "
        + JSON.writeValueAsString(selector.toString())
        + "\n"
        + "        values: '"
        + values
        + "'\n";
  }

  /** The alert promtool must see: series labels, then the rule's labels, annotations templated. */
  private static String expectedAlert(
      JsonNode rule, Map<String, String> labels, Map<String, String> targetLabels, String value)
      throws Exception {
    Map<String, String> alertLabels = new TreeMap<>(targetLabels);
    alertLabels.putAll(labels);
    rule.path("labels")
        .properties()
        .forEach(field -> alertLabels.put(field.getKey(), field.getValue().asText()));
    Map<String, String> annotations = new TreeMap<>();
    rule.path("annotations")
        .properties()
        .forEach(
            field -> {
              String text = field.getValue().asText().replace("{{ $value }}", value);
              for (Map.Entry<String, String> label : alertLabels.entrySet()) {
                text = text.replace("{{ $labels." + label.getKey() + " }}", label.getValue());
              }
              annotations.put(field.getKey(), text);
            });
    annotations.forEach(
        (name, text) ->
            assertFalse(
                text.contains("{{"),
                () -> "annotation " + name + " uses a label the series lacks: " + text));
    return "          - exp_labels: "
        + JSON.writeValueAsString(alertLabels)
        + "\n"
        + "            exp_annotations: "
        + JSON.writeValueAsString(annotations)
        + "\n";
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
