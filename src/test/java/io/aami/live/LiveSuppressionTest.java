package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live findings are ordinary diagnostics: {@code # aami-disable} comments and aami.yaml's
 * {@code validate: {disable, severity}} silence them or grade them up, end to end through {@code
 * aami validate --prometheus} against the real Prometheus of {@link LiveRun#startFleet}. A
 * suppression of a live code is not "unused" when no Prometheus answered: it could not match.
 */
@Timeout(180)
class LiveSuppressionTest {
  @TempDir static Path shared;
  static LivePrometheus prometheus;

  @TempDir Path dir;

  /** node_* names are external to the offline metric contract, so only live/series sees this. */
  private static final String MISSPELT = LiveRepo.rule("hot", "node_laod1 > 4");

  private static final String MISSPELT_SILENCED =
      """
      apiVersion: aami/v1
      kind: AlertRule
      id: hot
      group_id: web
      name: hot
      severity: warning
      # aami-disable live/series -- the exporter ships this name next week
      query_template: 'node_laod1 > 4'
      """;
  private static final String RATE_OF_GAUGE =
      LiveRepo.rule("rising", "rate(probe_temperature_celsius[5m]) > 1");
  private static final String NOT_DEPLOYED =
      LiveRepo.rule("fresh", "fresh_connections{ {{ .group_selector }} } > 100");

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

  private void repo(String aamiYaml, String... rules) {
    LiveRepo.fleet(dir, aamiYaml).file("policies/alerts.yaml", TestRepo.docs(rules));
  }

  private Cli validate(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "validate";
    args[1] = "--repo";
    args[2] = dir.toString();
    args[3] = "--strict";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Cli.run(args);
  }

  private Cli live(String... extra) {
    String[] args = new String[2 + extra.length];
    args[0] = "--prometheus";
    args[1] = prometheus.url();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return validate(args);
  }

  @Test
  void theSameRepositoryWithoutSuppressionFailsStrict() {
    repo(null, MISSPELT);
    Cli cli = live();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains("warning[live/series]"), cli.err());
  }

  @Test
  void aDisableCommentSilencesALiveFinding() {
    repo(null, MISSPELT_SILENCED);
    Cli cli = live();
    assertEquals(0, cli.exitCode(), cli.err());
    assertFalse(cli.err().contains("live/series"), cli.err());
    assertTrue(
        cli.err().contains("no problems (1 suppressed; --no-suppress shows them)"), cli.err());
    Cli all = live("--no-suppress");
    assertEquals(1, all.exitCode(), all.err());
    assertTrue(all.err().contains("warning[live/series]"), all.err());
  }

  @Test
  void validateDisableSilencesALiveCodeAndAFamily() {
    repo("validate:\n  disable: [live/series]\n", MISSPELT);
    Cli exact = live();
    assertEquals(0, exact.exitCode(), exact.err());
    assertTrue(exact.err().contains("(1 suppressed"), exact.err());
    repo("validate:\n  disable: ['live/*']\n", MISSPELT, RATE_OF_GAUGE);
    Cli family = live();
    assertEquals(0, family.exitCode(), family.err());
    assertTrue(family.err().contains("(2 suppressed"), family.err());
  }

  @Test
  void validateSeverityGradesALiveFindingUpToAnErrorThatFails() {
    repo("validate:\n  severity:\n    live/counter: error\n", RATE_OF_GAUGE, MISSPELT);
    Cli cli = Cli.run("validate", "--repo", dir.toString(), "--prometheus", prometheus.url());
    assertEquals(1, cli.exitCode(), "an error fails even without --strict: " + cli.err());
    assertTrue(cli.err().contains("error[live/counter]"), cli.err());
    assertTrue(cli.err().contains("warning[live/series]"), "the other code stays a warning");
    assertTrue(cli.err().contains("1 error, 1 warning"), cli.err());
    Cli json =
        Cli.run(
            "validate", "--repo", dir.toString(), "--prometheus", prometheus.url(), "-f", "json");
    assertEquals(1, json.exitCode());
    assertTrue(json.out().contains("\"ok\" : false") || json.out().contains("\"ok\": false"));
  }

  @Test
  void validateSeverityOffSilencesAndAFamilyGradesEveryLiveCode() {
    repo("validate:\n  severity:\n    live/series: 'off'\n", MISSPELT);
    assertEquals(0, live().exitCode());
    repo("validate:\n  severity:\n    'live/*': error\n", MISSPELT, RATE_OF_GAUGE);
    Cli cli = Cli.run("validate", "--repo", dir.toString(), "--prometheus", prometheus.url());
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains("error[live/series]"), cli.err());
    assertTrue(cli.err().contains("error[live/counter]"), cli.err());
  }

  @Test
  void aNotDeployedYetNoteIsNeverGradedUpButIsHiddenByDisable() {
    repo("validate:\n  severity:\n    live/series: error\n", NOT_DEPLOYED);
    Cli graded = live();
    assertEquals(0, graded.exitCode(), graded.err());
    assertTrue(graded.err().contains("info[live/series]"), graded.err());
    assertTrue(graded.err().contains("no problems, 1 note"), graded.err());
    repo("validate:\n  disable: [live/series]\n", NOT_DEPLOYED);
    Cli hidden = live();
    assertEquals(0, hidden.exitCode(), hidden.err());
    assertFalse(hidden.err().contains("info[live/series]"), hidden.err());
  }

  @Test
  void liveSuppressionsAreNotUnusedWhenNoPrometheusAnswered() {
    repo("validate:\n  disable: [live/counter]\n", MISSPELT_SILENCED);
    Cli offline = validate();
    assertEquals(0, offline.exitCode(), offline.err());
    assertFalse(offline.err().contains("suppress/unused"), offline.err());
    Cli down = validate("--prometheus", "http://127.0.0.1:" + freePort());
    assertEquals(0, down.exitCode(), down.err());
    assertFalse(down.err().contains("suppress/unused"), down.err());
    assertTrue(down.err().contains("aami: warning: live checks skipped"), down.err());
  }

  @Test
  void liveSuppressionsThatSilenceNothingAreUnusedWhenPrometheusAnswered() {
    repo("validate:\n  disable: [live/counter]\n", MISSPELT_SILENCED);
    Cli cli = live();
    assertEquals(1, cli.exitCode(), cli.err());
    assertTrue(
        cli.err()
            .contains("validate.disable entry 'live/counter' silences nothing in this repository"),
        cli.err());
    assertFalse(
        cli.err().contains("'# aami-disable live/series' silences nothing"),
        "the comment did silence the misspelt metric: " + cli.err());
  }

  private static int freePort() {
    try {
      return LivePrometheus.freePort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
