package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.aami.fleet.FleetHealthRules;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.testing.Cli;
import io.aami.testing.Trees;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert loop in a real Prometheus: the example repository, with each target's address
 * pointed at a tiny exporter on 127.0.0.1 that serves what the seed's check scripts print, is
 * rendered by {@code aami render}; Prometheus is configured with the {@code rule_files} and {@code
 * scrape_configs} snippets exactly as docs/ALERTS.md documents them. Then, through Prometheus's
 * HTTP API: the rule files load, every target is scraped once with the labels aami attached, and
 * exactly the alerts the seed describes become pending (the rules' {@code for} durations keep them
 * from firing within a test). Skipped where {@code prometheus} is not on the PATH.
 */
class RealPrometheusTest {
  private static final Path ROOT = Tools.projectDir();
  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final String DOCUMENTED_OUT_DIR = "/srv/aami/public";

  /** What each target's check scripts print (the seed's step 5 for gpu-node-01). */
  private static final Map<String, String> METRICS =
      Map.of(
          "gpu-node-01", mounts("/mnt/models", 1, "/mnt/scratch", 1, "/mnt/datasets", 0),
          "gpu-node-02", mounts("/mnt/models", 1, "/mnt/scratch", 1, "/mnt/datasets", 1),
          "storage-node-01", mounts("/mnt/nfs", 1, "/mnt/backup", 0, "/mnt/archive", 1),
          "gpu-db-01", disk(85),
          "db-01", disk(75),
          "dev-01", disk(80));

  @TempDir Path dir;

  private final List<HttpServer> exporters = new ArrayList<>();
  private PrometheusServer prometheus;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    exporters.forEach(server -> server.stop(0));
  }

  private static String mounts(Object... pathsAndValues) {
    StringBuilder text =
        new StringBuilder(
            """
                                           # HELP mount_check Mount point accessibility (1=ok, 0=fail)
                                           # TYPE mount_check gauge
                                           """);
    for (int i = 0; i < pathsAndValues.length; i += 2) {
      text.append("mount_check{path=\"")
          .append(pathsAndValues[i])
          .append("\"} ")
          .append(pathsAndValues[i + 1])
          .append('\n');
    }
    return text.toString();
  }

  private static String disk(int percent) {
    return "# HELP disk_usage_percent Disk usage percentage\n# TYPE disk_usage_percent gauge\n"
        + "disk_usage_percent{mountpoint=\"/\"} "
        + percent
        + "\n";
  }

  private static Path requirePrometheus() {
    Optional<Path> prometheus = Tools.onPath("prometheus");
    Assumptions.assumeTrue(
        prometheus.isPresent(),
        "prometheus is not on the PATH; install it"
            + " (Debian: apt-get install prometheus) to load the rendered rules and targets in a real"
            + " Prometheus");
    return prometheus.get();
  }

  /** A static exporter for {@code metrics} on a free port of 127.0.0.1; its address. */
  private String startExporter(String metrics) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/metrics",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    exporters.add(server);
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** A copy of the example repository whose targets are scraped at {@code addresses}. */
  private Path exampleRepositoryScrapedAt(Map<String, String> addresses) throws IOException {
    Path repo = dir.resolve("repo");
    for (String input : List.of("templates", "policies", "inventory")) {
      Trees.copy(ROOT.resolve(input), repo.resolve(input));
    }
    Files.copy(ROOT.resolve("aami.yaml"), repo.resolve("aami.yaml"));
    int replaced = 0;
    try (var files = Files.walk(repo.resolve("inventory"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String changed = text;
        for (Map.Entry<String, String> a : addresses.entrySet()) {
          changed =
              changed.replace(
                  "address: " + a.getKey() + ".example.internal:9100", "address: " + a.getValue());
        }
        replaced += changed.equals(text) ? 0 : 1;
        Files.writeString(file, changed, StandardCharsets.UTF_8);
      }
    }
    assertTrue(replaced > 0, "the example's target addresses were found");
    return repo;
  }

  /**
   * The documented {@code rule_files} and {@code scrape_configs} snippets of docs/ALERTS.md with
   * the published directory in place of {@value #DOCUMENTED_OUT_DIR}, under a global section that
   * scrapes and evaluates every second.
   */
  private static String documentedConfig(Path out) throws IOException {
    String docs = Files.readString(ROOT.resolve("docs/ALERTS.md"), StandardCharsets.UTF_8);
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(docs);
    Map<String, String> snippets = new LinkedHashMap<>();
    while (yaml.find()) {
      String block = yaml.group(1);
      for (String section : List.of("rule_files:", "scrape_configs:")) {
        if (block.startsWith(section)) {
          snippets.put(section, block);
        }
      }
    }
    assertEquals(
        Set.of("rule_files:", "scrape_configs:"),
        snippets.keySet(),
        "docs/ALERTS.md documents both snippets");
    String global =
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n";
    return (global + String.join("", snippets.values()))
        .replace(DOCUMENTED_OUT_DIR, out.toString());
  }

  @Test
  void renderedRulesAndTargetsLoadInPrometheusAndTheSeedsAlertsGoPending() throws Exception {
    Path executable = requirePrometheus();
    Map<String, String> addresses = new TreeMap<>();
    for (Map.Entry<String, String> m : new TreeMap<>(METRICS).entrySet()) {
      addresses.put(m.getKey(), startExporter(m.getValue()));
    }
    Path repo = exampleRepositoryScrapedAt(addresses);
    Path out = dir.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(0, render.exitCode(), render.err());
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, documentedConfig(out), StandardCharsets.UTF_8);

    prometheus = PrometheusServer.start(executable, config, dir);
    Repository repository = AlertRepos.load(repo);

    JsonNode rules =
        prometheus.await(
            "rules",
            data ->
                data.get("groups").size() == 4
                    && allRules(data).stream()
                        .allMatch(r -> r.path("health").asText().equals("ok")),
            PATIENCE);
    assertRulesAreTheRenderedOnes(rules, out);

    JsonNode targets =
        prometheus.await(
            "targets?state=active",
            data -> {
              JsonNode active = data.get("activeTargets");
              return active.size() == METRICS.size()
                  && active.findValuesAsText("health").stream().allMatch("up"::equals);
            },
            PATIENCE);
    assertTargetsCarryAamisLabels(targets, repository, addresses);

    Set<String> expected =
        new TreeSet<>(
            List.of(
                "HighDiskUsage_critical-services on db-01: pending",
                "HighDiskUsage_critical-services on gpu-db-01: pending",
                "MountPointUnavailable_gpu-cluster on gpu-node-01: pending",
                "MountPointUnavailable_storage-cluster on storage-node-01: pending"));
    // These exporters serve check output only, no agent metrics: the generated fleet-health rule
    // sees every node as scraped without an agent.
    METRICS.keySet().forEach(node -> expected.add("AamiAgentMissing on " + node + ": pending"));
    // Alerts are read only once every rule group has been evaluated on every target's samples, so
    // that an alert too many cannot hide behind a rule that has not run yet.
    Instant scraped = latest(targets.get("activeTargets").findValuesAsText("lastScrape"));
    prometheus.await(
        "rules", data -> earliestGroupEvaluation(data).isAfter(scraped.plusSeconds(1)), PATIENCE);
    JsonNode alerts = prometheus.api("alerts");
    assertEquals(expected, alertSummaries(alerts, addresses), prometheus.log());
    assertSeedsStepSevenAlert(alerts, addresses.get("gpu-node-01"));
    assertMultiGroupTargetsAlertCarriesTheRulesGroupId(alerts, addresses.get("gpu-db-01"));
  }

  /**
   * gpu-db-01 is seen by the critical-services rule through aami_groups. The rule's group_id label
   * replaces the series' (its primary group, gpu-cluster); every other label is the series', so
   * group_name still names the primary group, as docs/ALERTS.md says.
   */
  private static void assertMultiGroupTargetsAlertCarriesTheRulesGroupId(
      JsonNode alerts, String address) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode alert : alerts.get("alerts")) {
      if (alert.get("labels").get("instance").asText().equals(address)
          && !alert.get("labels").has("aami_rule_group")) {
        found.add(alert.get("labels"));
      }
    }
    assertEquals(1, found.size(), alerts.toString());
    JsonNode labels = found.get(0);
    assertEquals("HighDiskUsage_critical-services", labels.get("alertname").asText());
    assertEquals("critical-services", labels.get("group_id").asText());
    assertEquals("gpu-cluster", labels.get("group_name").asText());
    assertEquals(",gpu-cluster,critical-services,", labels.get("aami_groups").asText());
  }

  private static Instant latest(List<String> timestamps) {
    return timestamps.stream().map(Instant::parse).max(Instant::compareTo).orElse(Instant.MIN);
  }

  private static Instant earliestGroupEvaluation(JsonNode rulesData) {
    List<String> evaluations = new ArrayList<>();
    rulesData.get("groups").forEach(g -> evaluations.add(g.get("lastEvaluation").asText()));
    return evaluations.stream().map(Instant::parse).min(Instant::compareTo).orElse(Instant.MIN);
  }

  private static List<JsonNode> allRules(JsonNode rulesData) {
    List<JsonNode> rules = new ArrayList<>();
    rulesData.get("groups").forEach(g -> g.get("rules").forEach(rules::add));
    return rules;
  }

  /**
   * Every group of every rendered rule file is loaded and healthy; the alert rules of the groups
   * with the rendered expr and for.
   */
  private static void assertRulesAreTheRenderedOnes(JsonNode rules, Path out) throws IOException {
    Map<String, String> loaded = new TreeMap<>();
    for (JsonNode group : rules.get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        assertEquals("ok", rule.path("health").asText(), rule.toString());
        if (group.get("name").asText().equals(FleetHealthRules.GROUP_NAME)
            || rule.path("type").asText().equals("recording")) {
          continue; // generated rules (FleetHealthRealPrometheusTest); the example's recording rule
        }
        loaded.put(
            group.get("file").asText()
                + " "
                + group.get("name").asText()
                + " "
                + rule.get("name").asText(),
            rule.get("query").asText() + " for " + rule.get("duration").asLong() + "s");
      }
    }
    Path ruleDir = out.resolve("prometheus/rules");
    assertEquals(
        Map.of(
            ruleDir.resolve("critical-services.yaml")
                + " group_critical-services_critical-services"
                + " HighDiskUsage_critical-services",
            "disk_usage_percent{aami_groups=~\".*,critical-services,.*\"} > 70 for 300s",
            ruleDir.resolve("development.yaml")
                + " group_development_development HighDiskUsage_development",
            "disk_usage_percent{group_id=\"development\"} > 90 for 900s",
            ruleDir.resolve("gpu-cluster.yaml")
                + " group_gpu-cluster_gpu-cluster MountPointUnavailable_gpu-cluster",
            "mount_check{group_id=\"gpu-cluster\"} == 0 for 120s",
            ruleDir.resolve("storage-cluster.yaml")
                + " group_storage-cluster_storage-cluster"
                + " MountPointUnavailable_storage-cluster",
            "mount_check{group_id=\"storage-cluster\"} == 0 for 600s"),
        loaded);
  }

  /**
   * One active target per aami target, gpu-db-01 included although two file_sd files list it, each
   * with exactly its file_sd labels plus Prometheus's {@code instance} and {@code job}.
   */
  private static void assertTargetsCarryAamisLabels(
      JsonNode targets, Repository repository, Map<String, String> addresses) {
    Map<String, Map<String, String>> expected = new TreeMap<>();
    for (Target target : repository.targets()) {
      Map<String, String> labels = new TreeMap<>(FileSdRenderer.labels(target, repository));
      labels.put("instance", target.address());
      labels.put("job", "aami-nodes");
      expected.put(target.id(), labels);
    }
    Map<String, Map<String, String>> actual = new TreeMap<>();
    for (JsonNode target : targets.get("activeTargets")) {
      Map<String, String> labels = new TreeMap<>();
      target.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      assertEquals("up", target.get("health").asText(), target.toString());
      actual.put(targetId(labels.get("instance"), addresses), labels);
    }
    assertEquals(expected, actual);
    assertEquals(",gpu-cluster,critical-services,", actual.get("gpu-db-01").get("aami_groups"));
    assertEquals("gpu-cluster", actual.get("gpu-db-01").get("group_id"));
  }

  private static String targetId(String address, Map<String, String> addresses) {
    return addresses.entrySet().stream()
        .filter(a -> a.getValue().equals(address))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(address);
  }

  private static Set<String> alertSummaries(JsonNode alertsData, Map<String, String> addresses) {
    Set<String> summaries = new TreeSet<>();
    for (JsonNode alert : alertsData.get("alerts")) {
      summaries.add(
          alert.get("labels").get("alertname").asText()
              + " on "
              + targetId(alert.get("labels").get("instance").asText(), addresses)
              + ": "
              + alert.get("state").asText());
    }
    return summaries;
  }

  /**
   * The seed's step 7: /mnt/datasets fails on a gpu-cluster node, and the alert carries the
   * rendered labels, the scraped series' labels, and annotations whose Prometheus templates ({@code
   * $labels.instance}, {@code $labels.path}) Prometheus itself has now filled in.
   */
  private static void assertSeedsStepSevenAlert(JsonNode alerts, String address) {
    JsonNode mount = null;
    for (JsonNode alert : alerts.get("alerts")) {
      if (alert
          .get("labels")
          .get("alertname")
          .asText()
          .equals("MountPointUnavailable_gpu-cluster")) {
        mount = alert;
      }
    }
    assertTrue(mount != null, alerts.toString());
    Map<String, String> labels = new TreeMap<>();
    mount.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    assertEquals(
        new TreeMap<>(
            Map.ofEntries(
                Map.entry("alertname", "MountPointUnavailable_gpu-cluster"),
                Map.entry("path", "/mnt/datasets"),
                Map.entry("severity", "critical"),
                Map.entry("group_id", "gpu-cluster"),
                Map.entry("team", "infra"),
                Map.entry("component", "storage"),
                Map.entry("escalation", "immediate"),
                Map.entry("group_name", "gpu-cluster"),
                Map.entry("aami_groups", ",gpu-cluster,"),
                Map.entry("env", "prod"),
                Map.entry("datacenter", "dc1"),
                Map.entry("rack", "r12"),
                Map.entry("instance", address),
                Map.entry("job", "aami-nodes"))),
        labels);
    assertEquals("마운트 포인트 /mnt/datasets 접근 불가", mount.get("annotations").get("summary").asText());
    assertEquals(
        address + "에서 /mnt/datasets가 2m 이상 접근 불가 상태입니다.",
        mount.get("annotations").get("description").asText());
    assertEquals("0e+00", mount.get("value").asText());
  }
}
