package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import io.aami.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami validate --prometheus} when the server is behind TLS and basic auth (Prometheus's
 * own --web.config.file), when it refuses the credentials, when it is stopped in the middle of a
 * run, and when nothing listens: one warning and the exit code of a validation without it, unless
 * --prometheus-required.
 */
@Timeout(240)
class LiveAvailabilityTest {
  @TempDir Path dir;
  @TempDir Path outside;

  private static final String MISSPELT = LiveRepo.rule("hot", "probe_temperature_celsuis{ {{ .group_selector }} } > 80");

  @Test
  void tlsAndBasicAuthFromAamiYamlWithThePasswordInAFileOutsideTheRepository() throws Exception {
    LivePrometheus.assumeInstalled();
    TestCertificates.Pair cert = TestCertificates.generate(outside, "prometheus", TestCertificates.KeyType.EC);
    Path password = Files.writeString(outside.resolve("password"), "correct horse\n");
    try (LivePrometheus p = LivePrometheus.start(outside.resolve("prometheus"),
        new LivePrometheus.WebConfig(cert.certificate(), cert.privateKey(), "ci", "correct horse"),
        TestCertificates.trusting(cert.certificate()))) {
      String settings = """
          prometheus:
            url: %s
            ca_file: %s
            basic_auth: {username: ci, password_file: %s}
          """.formatted(p.url(), cert.certificate(), password);
      LiveRepo.fleet(dir, settings).file("policies/alerts.yaml", MISSPELT);
      Cli cli = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, cli.exitCode(), cli.err());
      assertTrue(cli.err().contains("warning[live/series]: alert rule 'hot' (group 'web'): metric"
          + " 'probe_temperature_celsuis' has no series"), cli.err());
      assertFalse(cli.err().contains("live checks skipped"), cli.err());

      Files.writeString(password, "wrong");
      Cli refused = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, refused.exitCode(), refused.err());
      assertTrue(refused.err().contains("aami: warning: live checks skipped: Prometheus at " + p.url() + ": /api/v1/"),
          refused.err());
      assertTrue(refused.err().contains(" answered HTTP 401: the credentials were refused\n"), refused.err());
      assertFalse(refused.err().contains("live/series"), refused.err());

      Files.writeString(password, "correct horse");
      LiveRepo.fleet(dir, settings.replace("  ca_file: " + cert.certificate() + "\n", ""));
      Cli untrusted = Cli.run("validate", "--repo", dir.toString());
      assertEquals(0, untrusted.exitCode(), untrusted.err());
      assertTrue(untrusted.err().contains("live checks skipped: Prometheus at " + p.url() + ":"), untrusted.err());
    }
  }

  @Test
  void aPrometheusStoppedMidRunGivesNoPartialFindingsAndSaysWhy() throws Exception {
    try (LivePrometheus p = LivePrometheus.start(outside.resolve("prometheus"))) {
      List<String> rules = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rules.add(LiveRepo.rule("hot-" + i, "probe_temperatur_celsius{sensor=\"s" + i + "\"} > " + i));
      }
      TestRepo repo = LiveRepo.fleet(dir, null).file("policies/alerts.yaml", TestRepo.docs(rules.toArray(String[]::new)));
      RequestGate gate = new RequestGate(1, java.time.Duration.ofSeconds(60));
      HttpPrometheus server = new HttpPrometheus(new HttpPrometheus.Connection(java.net.URI.create(p.url()),
          java.time.Duration.ofSeconds(5), null, java.util.Map.of()), gate);
      // The real server, stopped for real once the run has sent 20 requests.
      CachingPrometheus prometheus = new CachingPrometheus(new StoppingAfter(server, gate, 20, p));
      io.aami.load.LoadResult loaded = repo.loadResult();
      LiveChecks.Result result = LiveChecks.run(loaded.repository(), loaded.sources(), prometheus,
          java.time.Duration.ofDays(7), 1);
      assertTrue(gate.requests() > 20, "the run went on after the stop: " + gate.requests());
      assertEquals(List.of(), result.warnings(), "no partial findings");
      assertEquals(List.of(), result.notes());
      assertTrue(result.unavailable().orElseThrow().startsWith("Prometheus at " + p.url() + ": "),
          result.unavailable().toString());

      Cli without = Cli.run("validate", "--repo", dir.toString());
      Cli with = Cli.run("validate", "--repo", dir.toString(), "--prometheus", p.url());
      assertEquals(without.exitCode(), with.exitCode(), with.err());
      assertEquals(1, count(with.err(), "live checks skipped"), with.err());
      assertEquals(without.err() + "aami: warning: live checks skipped: Prometheus at " + p.url()
          + ": connection refused\n", with.err());

      Cli required = Cli.run("validate", "--repo", dir.toString(), "--prometheus", p.url(), "--prometheus-required");
      assertEquals(3, required.exitCode(), required.err());
      assertTrue(required.err().contains("aami: error: live checks skipped: Prometheus at " + p.url()
          + ": connection refused"), required.err());
    }
  }

  /** Passes every question to the real server, and stops that server after {@code after} requests. */
  private record StoppingAfter(HttpPrometheus server, RequestGate gate, int after, LivePrometheus p)
      implements PrometheusApi {
    private void maybeStop() {
      if (gate.requests() >= after) {
        try {
          p.stopPrometheus();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public List<Sample> query(String promql) throws PrometheusException {
      maybeStop();
      return server.query(promql);
    }

    @Override
    public List<java.util.Map<String, String>> series(String match, Window window) throws PrometheusException {
      maybeStop();
      return server.series(match, window);
    }

    @Override
    public List<String> labelNames(String match, Window window) throws PrometheusException {
      maybeStop();
      return server.labelNames(match, window);
    }

    @Override
    public List<String> labelValues(String label, String match, Window window) throws PrometheusException {
      maybeStop();
      return server.labelValues(label, match, window);
    }

    @Override
    public java.util.Map<String, String> metricTypes() throws PrometheusException {
      maybeStop();
      return server.metricTypes();
    }

    @Override
    public String configYaml() throws PrometheusException {
      maybeStop();
      return server.configYaml();
    }

    @Override
    public java.util.Map<String, String> flags() throws PrometheusException {
      maybeStop();
      return server.flags();
    }

    @Override
    public BuildInfo buildInfo() throws PrometheusException {
      maybeStop();
      return server.buildInfo();
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
