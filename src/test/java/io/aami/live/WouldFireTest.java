package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Cli;
import io.aami.testing.GitRepo;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami diff --prometheus} against a real Prometheus: the probe check (through the real
 * agent) reports 41.5 and 50 degrees, so a threshold lowered from 80 to 40 goes from firing on no
 * series to firing on two, and a new alert on a misspelt metric would not fire.
 */
@Timeout(180)
class WouldFireTest {
  @TempDir static Path shared;
  static LivePrometheus prometheus;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    prometheus = LivePrometheus.start(shared.resolve("prometheus"));
    LiveRepo.runCheck(LiveRepo.fleet(shared.resolve("repo"), null), "probe", prometheus);
    prometheus.awaitSeries("probe_temperature_celsius");
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private Path twoRevisions() throws Exception {
    LiveRepo.fleet(dir, null);
    try (GitRepo git = GitRepo.init(dir)) {
      git.file(
          "policies/alerts.yaml",
          TestRepo.docs(
              LiveRepo.rule("hot", "probe_temperature_celsius{ {{ .group_selector }} } > 80"),
              LiveRepo.rule("errors", "probe_events_total > 1000")));
      git.commit("base");
      git.file(
          "policies/alerts.yaml",
          TestRepo.docs(
              LiveRepo.rule("hot", "probe_temperature_celsius{ {{ .group_selector }} } > 40"),
              LiveRepo.rule("errors", "probe_events_total > 1000"),
              LiveRepo.rule("cold", "probe_temperatur_celsius < 0")));
      git.commit("head");
    }
    return dir;
  }

  @Test
  void textShowsHowManySeriesEachChangedAlertWouldFireOnNowAndBefore() throws Exception {
    Cli cli =
        Cli.run(
            "diff",
            "--repo",
            twoRevisions().toString(),
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--prometheus",
            prometheus.url());
    assertEquals(0, cli.exitCode(), cli.err());
    String out = cli.out();
    assertTrue(out.contains("    alert rule hot (hot_web) changed\n"), out);
    assertTrue(out.contains("      would fire now: 2 series (before the change: 0 series)\n"), out);
    assertTrue(
        out.contains("    alert rule cold (cold_web) added\n      would not fire now\n"), out);
    assertTrue(!out.contains("alert rule errors"), "an unchanged alert is not counted: " + out);
  }

  @Test
  void markdownAndJsonCarryTheCounts() throws Exception {
    Path repo = twoRevisions();
    Cli md =
        Cli.run(
            "diff",
            "--repo",
            repo.toString(),
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--prometheus",
            prometheus.url(),
            "-f",
            "markdown");
    assertTrue(
        md.out().contains("  - would fire now: 2 series (before the change: 0 series)\n"),
        md.out());
    Cli json =
        Cli.run(
            "diff",
            "--repo",
            repo.toString(),
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--prometheus",
            prometheus.url(),
            "-f",
            "json");
    JsonNode alerts = new ObjectMapper().readTree(json.out()).path("groups").path(0).path("alerts");
    assertEquals(2, alerts.size(), json.out());
    JsonNode cold = alerts.get(0);
    JsonNode hot = alerts.get(1);
    assertEquals("cold", cold.path("rule").asText());
    assertEquals(0, cold.path("firing_now").path("series").asInt(-1));
    assertTrue(cold.path("firing_now").path("series_before").isMissingNode());
    assertEquals(2, hot.path("firing_now").path("series").asInt());
    assertEquals(0, hot.path("firing_now").path("series_before").asInt(-1));
  }

  @Test
  void anUnreachablePrometheusGivesOneWarningAndTheSameOutputAndExitCode() throws Exception {
    Path repo = twoRevisions();
    Cli without = Cli.run("diff", "--repo", repo.toString(), "--base", "HEAD~1", "--head", "HEAD");
    Cli down =
        Cli.run(
            "diff",
            "--repo",
            repo.toString(),
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--prometheus",
            "http://127.0.0.1:" + LivePrometheus.freePort());
    assertEquals(without.exitCode(), down.exitCode());
    assertEquals(without.out(), down.out());
    assertTrue(
        down.err().startsWith("aami: warning: alerts not counted: Prometheus at http://127.0.0.1:"),
        down.err());
    assertTrue(down.err().contains("connection refused"), down.err());
  }
}
