package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import io.aami.testsupport.TestCertificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami validate --prometheus} when the server is behind TLS and basic auth (Prometheus's own
 * --web.config.file), when it refuses the credentials, when it is stopped in the middle of a run,
 * and when nothing listens: one warning and the exit code of a validation without it, unless
 * --prometheus-required.
 */
@Timeout(240)
class LiveAvailabilityTest {
  @TempDir Path dir;
  @TempDir Path outside;

  private static final String MISSPELT =
      LiveRepo.rule("hot", "probe_temperature_celsuis{ {{ .group_selector }} } > 80");

  @Test
  void tlsAndBasicAuthFromAamiYamlWithThePasswordInAFileOutsideTheRepository() throws Exception {
    LivePrometheus.assumeInstalled();
    TestCertificates.Pair cert =
        TestCertificates.generate(outside, "prometheus", TestCertificates.KeyType.EC);
    Path password = Files.writeString(outside.resolve("password"), "correct horse\n");
    try (LivePrometheus p =
        LivePrometheus.start(
            outside.resolve("prometheus"),
            new LivePrometheus.WebConfig(
                cert.certificate(), cert.privateKey(), "ci", "correct horse"),
            TestCertificates.trusting(cert.certificate()))) {
      String settings =
          """
          prometheus:
            url: %s
            ca_file: %s
            basic_auth: {username: ci, password_file: %s}
          """
              .formatted(p.url(), cert.certificate(), password);
      LiveRepo.fleet(dir, settings).file("policies/alerts.yaml", MISSPELT);
      Cli cli = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, cli.exitCode(), cli.err());
      assertTrue(
          cli.err()
              .contains(
                  "warning[live/series]: alert rule 'hot' (group 'web'): metric"
                      + " 'probe_temperature_celsuis' has no series"),
          cli.err());
      assertFalse(cli.err().contains("live checks skipped"), cli.err());

      Files.writeString(password, "wrong");
      Cli refused = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, refused.exitCode(), refused.err());
      assertTrue(
          refused
              .err()
              .contains(
                  "aami: warning: live checks skipped: Prometheus at " + p.url() + ": /api/v1/"),
          refused.err());
      assertTrue(
          refused.err().contains(" answered HTTP 401: the credentials were refused\n"),
          refused.err());
      assertFalse(refused.err().contains("live/series"), refused.err());

      Files.writeString(password, "correct horse");
      LiveRepo.fleet(dir, settings.replace("  ca_file: " + cert.certificate() + "\n", ""));
      Cli untrusted = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, untrusted.exitCode(), untrusted.err());
      assertTrue(
          untrusted.err().contains("live checks skipped: Prometheus at " + p.url() + ":"),
          untrusted.err());
    }
  }

  @Test
  void aPrometheusStoppedMidRunGivesOneWarningAndTheExitCodeOfNoPrometheus() throws Exception {
    try (LivePrometheus p = LivePrometheus.start(outside.resolve("prometheus"))) {
      List<String> rules = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        rules.add(
            LiveRepo.rule("hot-" + i, "probe_temperature_celsius{sensor=\"s" + i + "\"} > " + i));
      }
      LiveRepo.fleet(dir, "prometheus:\n  concurrency: 1\n")
          .file("policies/alerts.yaml", TestRepo.docs(rules.toArray(String[]::new)));
      Cli without = Cli.run("validate", "--repo", dir.toString());
      Cli with;
      String relayUrl;
      try (StoppingRelay relay =
          StoppingRelay.before(
              20,
              URI.create(p.url()).getPort(),
              () -> {
                try {
                  p.stopPrometheus();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })) {
        relayUrl = relay.url();
        with = Cli.run("validate", "--repo", dir.toString(), "--prometheus", relayUrl);
        assertTrue(relay.requests() >= 20, "the stop fell inside the run: " + relay.requests());
      }
      assertEquals(without.exitCode(), with.exitCode(), with.err());
      assertEquals(1, count(with.err(), "live checks skipped"), with.err());
      assertTrue(
          with.err().contains("aami: warning: live checks skipped: Prometheus at " + relayUrl),
          with.err());
      assertFalse(with.err().contains("[live/"), "no partial findings: " + with.err());
      assertEquals(
          without.err(),
          with.err().substring(0, with.err().indexOf("aami: warning: live checks skipped")));

      Cli required =
          Cli.run(
              "validate",
              "--repo",
              dir.toString(),
              "--prometheus",
              p.url(),
              "--prometheus-required");
      assertEquals(3, required.exitCode(), required.err());
      assertTrue(
          required
              .err()
              .contains(
                  "aami: error: live checks skipped: Prometheus at "
                      + p.url()
                      + ": connection refused"),
          required.err());
    }
  }

  @Test
  void requiredWithoutAnyServerNamedIsAnError() throws Exception {
    LiveRepo.fleet(dir, null);
    Cli cli = Cli.run("validate", "--repo", dir.toString(), "--prometheus-required");
    assertEquals(3, cli.exitCode(), cli.err());
    assertTrue(cli.err().contains("--prometheus-required, but no Prometheus is named"), cli.err());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
