package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API client, cache and gate against a real Prometheus scraping a real node_exporter:
 * every endpoint the live checks use, errors about one question versus an unusable server, one
 * request per distinct question, and the concurrency limit held under load.
 */
@Timeout(120)
class HttpPrometheusTest {
  @TempDir static Path dir;
  static LivePrometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    prometheus = LivePrometheus.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static HttpPrometheus client(RequestGate gate) throws PrometheusException {
    return new HttpPrometheus(
        new HttpPrometheus.Connection(
            URI.create(prometheus.url()), Duration.ofSeconds(5), null, Map.of()),
        gate);
  }

  private static PrometheusApi.Window lastHour() {
    return new PrometheusApi.Window(Instant.now().minusSeconds(3600), Instant.now());
  }

  @Test
  void readsEveryEndpointTheChecksUse() throws Exception {
    HttpPrometheus api = client(new RequestGate(4, Duration.ofSeconds(30)));
    List<PrometheusApi.Sample> up = api.query("up{job=\"node\"}");
    assertEquals(1, up.size());
    assertEquals(1.0, up.get(0).value());
    assertEquals("web", up.get(0).labels().get("group_id"));
    assertEquals(List.of(new PrometheusApi.Sample(Map.of(), 2.5)), api.query("2.5"), "a scalar");
    assertEquals(List.of(), api.query("up{job=\"nothing\"}"));
    assertEquals(Double.POSITIVE_INFINITY, api.query("vector(+Inf)").get(0).value());

    assertEquals(1, api.series("up", lastHour()).size());
    assertTrue(
        api.labelNames("up", lastHour())
            .containsAll(List.of("__name__", "aami_groups", "instance", "job")));
    assertEquals(List.of("node"), api.labelValues("job", "up", lastHour()));
    assertTrue(api.labelValues("__name__", null, lastHour()).contains("node_load1"));
    assertEquals("gauge", api.metricTypes().get("node_load1"));
    assertEquals("counter", api.metricTypes().get("node_cpu_seconds_total"));
    assertTrue(api.configYaml().contains("job_name: node"), api.configYaml());
    assertEquals("127.0.0.1:" + prometheus.prometheusPort, api.flags().get("web.listen-address"));
    assertTrue(
        api.buildInfo().version().matches("\\d+\\.\\d+\\.\\d+.*"), api.buildInfo().version());
  }

  @Test
  void aRefusedQueryIsAboutTheQuestionNotTheServer() throws Exception {
    HttpPrometheus api = client(new RequestGate(4, Duration.ofSeconds(30)));
    PrometheusException e = assertThrows(PrometheusException.class, () -> api.query("rate(up)"));
    assertFalse(e.unavailable(), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 400: bad_data"), e.getMessage());
  }

  @Test
  void aPortNothingListensOnIsUnavailable() throws Exception {
    HttpPrometheus api =
        new HttpPrometheus(
            new HttpPrometheus.Connection(
                URI.create("http://127.0.0.1:" + LivePrometheus.freePort()),
                Duration.ofSeconds(2),
                null,
                Map.of()),
            new RequestGate(1, Duration.ofSeconds(10)));
    PrometheusException e = assertThrows(PrometheusException.class, api::buildInfo);
    assertTrue(e.unavailable());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
  }

  @Test
  void aSpentBudgetStopsRequestsBeforeTheyStart() throws Exception {
    RequestGate gate = new RequestGate(1, Duration.ofNanos(1));
    Thread.sleep(5);
    PrometheusException e = assertThrows(PrometheusException.class, () -> client(gate).buildInfo());
    assertTrue(e.unavailable());
    assertTrue(e.getMessage().contains("time budget"), e.getMessage());
    assertEquals(0, gate.requests());
  }

  @Test
  void theCacheSendsOneRequestPerDistinctQuestionEvenWhenAskedTogether() throws Exception {
    RequestGate gate = new RequestGate(4, Duration.ofSeconds(30));
    CachingPrometheus cached = new CachingPrometheus(client(gate));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<PrometheusApi.Sample>>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String query = "count(up{job=\"node\"}) + " + (i % 4);
        answers.add(pool.submit(() -> cached.query(query)));
      }
      for (Future<List<PrometheusApi.Sample>> a : answers) {
        assertEquals(1, a.get().size());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4, gate.requests());
  }

  @Test
  void neverMoreRequestsInFlightThanTheLimit() throws Exception {
    RequestGate gate = new RequestGate(2, Duration.ofSeconds(60));
    HttpPrometheus api = client(gate);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String query = "count(node_cpu_seconds_total) + " + i;
        calls.add(pool.submit(() -> api.query(query)));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(120, gate.requests());
    assertTrue(gate.peakInFlight() <= 2, "peak " + gate.peakInFlight());
    assertEquals(2, gate.peakInFlight(), "12 callers keep both slots busy");
  }
}
