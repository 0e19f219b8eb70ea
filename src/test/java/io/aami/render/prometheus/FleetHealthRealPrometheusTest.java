package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated fleet-health alerts end to end: a repository committed with jgit and rendered by
 * {@code aami render}, two real node_exporters on 127.0.0.1 reading textfile directories (one with
 * the metrics of an agent that runs a stale list with a failing check and lacks an assigned check,
 * one with no agent at all), and a real Prometheus that scrapes them through the rendered file_sd
 * lists and evaluates the rendered fleet-health rules ({@code for} set to 0s in aami.yaml). Skipped
 * where prometheus or prometheus-node-exporter is not on the PATH.
 */
@Timeout(180)
class FleetHealthRealPrometheusTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  @TempDir Path dir;
  private final List<Process> exporters = new ArrayList<>();
  private PrometheusServer prometheus;

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    for (Process exporter : exporters) {
      exporter.destroy();
      exporter.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void eachFailureRaisesItsAlertForTheRightNode() throws Exception {
    Path prometheusBinary = Tools.onPath("prometheus").orElse(null);
    Path nodeExporter =
        Tools.onPath("prometheus-node-exporter")
            .or(() -> Tools.onPath("node_exporter"))
            .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        prometheusBinary != null && nodeExporter != null,
        "prometheus and prometheus-node-exporter must be on the PATH (apt-get install prometheus"
            + " prometheus-node-exporter)");
    Path staleText = Files.createDirectories(dir.resolve("textfile-stale"));
    Path emptyText = Files.createDirectories(dir.resolve("textfile-empty"));
    String stale = startExporter(nodeExporter, staleText);
    String missing = startExporter(nodeExporter, emptyText);

    Path repo = dir.resolve("repo");
    new TestRepo(repo)
        .file(
            "aami.yaml",
            """
                           fleet_health:
                             agent_missing_for: 0s
                             check_failing_for: 0s
                             check_missing_for: 0s
                             node_behind_for: 0s
                           """)
        .file(
            "templates/t.yaml",
            TestRepo.docs(TestRepo.template("probe", "{}"), TestRepo.template("extra", "{}")))
        .file(
            "policies/p.yaml",
            TestRepo.docs(
                TestRepo.policy("probe-global", null, "probe", ""),
                TestRepo.policy("extra-web", "web", "extra", "")))
        .file(
            "inventory/i.yaml",
            TestRepo.docs(
                TestRepo.group("web", 0),
                "apiVersion: aami/v1\nkind: Target\nid: stale-01\nhostname: stale-01\naddress: "
                    + stale
                    + "\ngroups: [web]\n",
                "apiVersion: aami/v1\nkind: Target\nid: bare-01\nhostname: bare-01\naddress: "
                    + missing
                    + "\ngroups: [web]\n"));
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("fleet")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .setSign(false)
          .call();
    }
    Path out = dir.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(0, render.exitCode(), render.err());
    long generation =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve("api/v1/generation").toFile())
            .get("generation")
            .asLong();

    Files.writeString(
        staleText.resolve("aami_agent.prom"),
        String.join(
            "\n",
            "aami_agent_last_run_timestamp_seconds " + Instant.now().getEpochSecond(),
            "aami_agent_list_generation " + (generation - 60),
            "aami_check_success{check=\"probe\",version=\"1.0.0\",hash=\"abc\"} 0",
            "aami_check_failure{check=\"probe\",reason=\"timeout\"} 1",
            ""),
        StandardCharsets.UTF_8);

    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            String.join(
                "\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: ['" + out.resolve("prometheus/rules/*.yaml") + "']",
                "scrape_configs:",
                "  - job_name: node",
                "    file_sd_configs: [{files: ['"
                    + out.resolve("prometheus/file_sd/*.json")
                    + "']}]",
                ""));
    prometheus = PrometheusServer.start(prometheusBinary, config, dir);

    Set<String> expected =
        new TreeSet<>(
            List.of(
                "AamiAgentMissing " + missing,
                "AamiCheckFailing " + stale + " check=probe reason=timeout",
                "AamiCheckMissing " + stale + " check=extra",
                "AamiNodeBehind " + stale));
    JsonNode alerts = prometheus.await("alerts", data -> firing(data).equals(expected), PATIENCE);
    assertEquals(expected, firing(alerts), prometheus.log());
  }

  private static Set<String> firing(JsonNode data) {
    Set<String> firing = new TreeSet<>();
    for (JsonNode alert : data.path("alerts")) {
      if (!"firing".equals(alert.path("state").asText())) {
        continue;
      }
      JsonNode labels = alert.path("labels");
      StringBuilder key =
          new StringBuilder(labels.path("alertname").asText())
              .append(' ')
              .append(labels.path("instance").asText());
      for (String label : List.of("check", "reason")) {
        if (labels.has(label)) {
          key.append(' ').append(label).append('=').append(labels.get(label).asText());
        }
      }
      firing.add(key.toString());
    }
    return firing;
  }

  private String startExporter(Path binary, Path textfileDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--web.listen-address=" + address,
                "--collector.disable-defaults",
                "--collector.textfile",
                "--collector.textfile.directory=" + textfileDir)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("exporter-" + port + ".log").toFile())
            .start();
    exporters.add(process);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> metrics =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() == 200) {
          return address;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("node_exporter did not start on " + address);
  }
}
