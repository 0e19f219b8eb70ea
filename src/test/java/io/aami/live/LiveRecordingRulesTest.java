package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording rules (the kind {@code aami import} writes) are checked live like alert rules, against
 * the real Prometheus of {@link LiveRun#startFleet}; and a selector on a name that a recording rule
 * of the repository records is not misspelt, only not deployed yet.
 */
@Timeout(180)
class LiveRecordingRulesTest {
  @TempDir static Path shared;
  static LivePrometheus prometheus;

  @TempDir Path dir;

  @BeforeAll
  static void startPrometheus() throws Exception {
    prometheus = LiveRun.startFleet(shared);
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private LiveRun live(String... rules) throws Exception {
    LiveRepo.fleet(dir, null).file("policies/rules.yaml", TestRepo.docs(rules));
    return LiveRun.of(dir, prometheus);
  }

  private static Diagnostic only(LiveRun run, String code) {
    assertEquals(1, run.found().size(), run.messages());
    Diagnostic d = run.found().get(0);
    assertEquals(code, d.code(), run.messages());
    assertEquals("policies/rules.yaml", d.file());
    assertTrue(d.message().startsWith("recording rule 'r' (group 'web'): "), d.message());
    return d;
  }

  @Test
  void aCorrectRecordingRuleHasNoLiveFinding() throws Exception {
    LiveRun run =
        live(
            LiveRepo.recording(
                "r",
                "sensor:probe_temperature_celsius:max",
                "max by (sensor) (probe_temperature_celsius)",
                ""));
    assertEquals(List.of(), run.found(), run.messages());
    assertEquals(List.of(), run.notes());
  }

  @Test
  void aMisspeltMetricInARecordingRuleIsFlaggedAtItsExpr() throws Exception {
    Diagnostic d =
        only(
            live(
                LiveRepo.recording(
                    "r", "sensor:temp:max", "max by (sensor) (probe_temperature_celsuis)", "")),
            "live/series");
    assertEquals(6, d.line(), "the line of expr");
    assertEquals(25, d.column(), "points at the metric name inside expr");
    assertTrue(
        d.message()
            .contains(
                "metric 'probe_temperature_celsuis' has no series (now or in the last 7d)"
                    + "; did you mean 'probe_temperature_celsius' (2 series now)?"),
        d.message());
  }

  @Test
  void aLabelValueNeverSeenInARecordingRuleIsFlagged() throws Exception {
    Diagnostic d =
        only(
            live(
                LiveRepo.recording(
                    "r", "cpu:temp:max", "max(probe_temperature_celsius{sensor=\"cpuu\"})", "")),
            "live/series");
    assertTrue(
        d.message().contains("did you mean 'cpu'? (2 values seen: 'cpu', 'gpu')"), d.message());
  }

  @Test
  void rateOverAGaugeInARecordingRuleIsFlagged() throws Exception {
    Diagnostic d =
        only(
            live(
                LiveRepo.recording(
                    "r", "sensor:temp:rate5m", "rate(probe_temperature_celsius[5m])", "")),
            "live/counter");
    assertTrue(
        d.message()
            .contains(
                "rate() over 'probe_temperature_celsius', which is a gauge (check 'probe'"
                    + " declares its type)"),
        d.message());
  }

  @Test
  void aShortRangeInARecordingRuleIsFlaggedWithTheJob() throws Exception {
    Diagnostic d =
        only(
            live(
                LiveRepo.recording(
                    "r",
                    "cpu:idle:rate",
                    "rate(node_cpu_seconds_total{mode=\"idle\"}[1500ms])",
                    "")),
            "live/range");
    assertTrue(
        d.message().contains("shorter than twice the scrape interval of job 'node' (1s)"),
        d.message());
  }

  @Test
  void aRangeOverACheckMetricShorterThanTwoAgentIntervalsIsFlaggedInARecordingRule()
      throws Exception {
    // An alert gets the offline alert/range-too-short for this; a recording rule only the live one.
    Diagnostic d =
        only(
            live(LiveRepo.recording("r", "events:rate", "rate(probe_events_total[30s])", "")),
            "live/range");
    assertTrue(d.message().contains("twice the agent interval"), d.message());
  }

  @Test
  void aDisappearedMetricInARecordingRuleIsFlagged() throws Exception {
    Diagnostic d =
        only(
            live(LiveRepo.recording("r", "legacy:depth:max", "max(legacy_queue_depth)", "")),
            "live/disappeared");
    assertTrue(d.message().contains("check 'legacy' stopped reporting it"), d.message());
  }

  @Test
  void aFunctionTheServerLacksInARecordingRuleIsFlagged() throws Exception {
    Diagnostic d =
        only(
            live(
                LiveRepo.recording(
                    "r",
                    "sensor:temp:sorted",
                    "sort_by_label(probe_temperature_celsius, \"sensor\")",
                    "")),
            "live/version");
    assertTrue(d.message().contains("unknown function \"sort_by_label\""), d.message());
  }

  @Test
  void aNameThatARecordingRuleOfTheRepositoryRecordsIsNotDeployedYetNotMisspelt() throws Exception {
    LiveRun run =
        live(
            LiveRepo.recording(
                "temp-max",
                "sensor:probe_temperature_celsius:max",
                "max by (sensor) (probe_temperature_celsius)",
                ""),
            LiveRepo.rule("hot", "sensor:probe_temperature_celsius:max > 80"));
    assertEquals(List.of(), run.found(), run.messages());
    assertEquals(1, run.notes().size(), LiveRun.lines(run.notes()));
    Diagnostic note = run.notes().get(0);
    assertEquals("live/series", note.code());
    assertTrue(note.isInfo());
    assertEquals(
        "alert rule 'hot' (group 'web'): metric 'sensor:probe_temperature_celsius:max' has no"
            + " series yet: recording rule 'temp-max' of this repository records it, so it is not"
            + " deployed yet",
        note.message());
  }

  @Test
  void aLabelThatARecordingRuleOfTheRepositoryWritesIsNotDeployedYet() throws Exception {
    // The rule writes the scraped name again with labels of its own; until it is deployed no
    // series has them. Without the rule, both selectors are warnings (the second test below).
    String alerts =
        TestRepo.docs(
            LiveRepo.rule("npu-hot", "probe_temperature_celsius{sensor=\"npu\"} > 80"),
            LiveRepo.rule("lab-hot", "probe_temperature_celsius{site=\"lab\"} > 80"));
    LiveRun run =
        live(
            LiveRepo.recording(
                "npu-estimate",
                "probe_temperature_celsius",
                "max(probe_temperature_celsius)",
                "labels: {sensor: npu, site: lab}\n"),
            alerts);
    assertEquals(List.of(), run.found(), run.messages());
    String notes = LiveRun.lines(run.notes());
    assertTrue(
        notes.contains(
            "alert rule 'npu-hot' (group 'web'): no series of 'probe_temperature_celsius' has"
                + " sensor=\"npu\" yet: recording rule 'npu-estimate' of this repository records"
                + " them, so they are not deployed yet"),
        notes);
    assertTrue(
        notes.contains(
            "alert rule 'lab-hot' (group 'web'): no series of 'probe_temperature_celsius' has"
                + " site=\"lab\" yet"),
        notes);
    LiveRun without = live(alerts);
    assertEquals(2, without.found().size(), without.messages());
    assertTrue(
        without
            .messages()
            .contains("no series of 'probe_temperature_celsius' has sensor=\"npu\" (now or in"),
        without.messages());
    assertTrue(without.messages().contains("has label 'site'"), without.messages());
  }

  @Test
  void aNameOnlyADisabledRecordingRuleRecordsIsAWarning() throws Exception {
    LiveRun run =
        live(
            LiveRepo.recording(
                "temp-max",
                "sensor:probe_temperature_celsius:max",
                "max by (sensor) (probe_temperature_celsius)",
                "enabled: false\n"),
            LiveRepo.rule("hot", "sensor:probe_temperature_celsius:max > 80"));
    assertEquals(1, run.found().size(), run.messages());
    assertTrue(
        run.found()
            .get(0)
            .message()
            .contains("recording rule 'temp-max' records it, but it is disabled"),
        run.messages());
  }

  @Test
  void aRangeOverARecordedNameIsMeasuredAgainstTheEvaluationInterval() throws Exception {
    String record = "max by (sensor) (probe_temperature_celsius)";
    LiveRun serverDefault =
        live(
            LiveRepo.recording("temp-max", "sensor:temp:max", record, ""),
            LiveRepo.rule("rising", "deriv(sensor:temp:max[90s]) > 1"));
    assertEquals(1, serverDefault.found().size(), serverDefault.messages());
    assertTrue(
        serverDefault
            .found()
            .get(0)
            .message()
            .contains(
                "range [90s] over 'sensor:temp:max' is shorter than twice the evaluation"
                    + " interval of recording rule 'temp-max' (1m, the server's"
                    + " evaluation_interval)"),
        serverDefault.messages());
    LiveRun ownInterval =
        live(
            LiveRepo.recording(
                "temp-max", "sensor:temp:max", record, "rule_group: {name: fast, interval: 30s}\n"),
            LiveRepo.rule("rising", "deriv(sensor:temp:max[90s]) > 1"));
    assertEquals(List.of(), ownInterval.found(), ownInterval.messages());
  }
}
