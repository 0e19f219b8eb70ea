package io.aami.live;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request per distinct question for a whole run: answers (and refusals) are kept, and a
 * question asked again while its first request is in flight waits for that request instead of
 * sending another. Once the server proved unavailable, every later question fails at once with the
 * same reason, so a Prometheus stopped mid-run costs one timeout, not one per query.
 */
public final class CachingPrometheus implements PrometheusApi {
  private interface Fetch<T> {
    T fetch() throws PrometheusException;
  }

  private final PrometheusApi server;
  private final Map<List<Object>, CompletableFuture<Object>> answers = new ConcurrentHashMap<>();
  private final AtomicReference<PrometheusException> down = new AtomicReference<>();

  public CachingPrometheus(PrometheusApi server) {
    this.server = server;
  }

  /** Why the server stopped being usable in this run, if it did. */
  public java.util.Optional<PrometheusException> unavailable() {
    return java.util.Optional.ofNullable(down.get());
  }

  @SuppressWarnings("unchecked")
  private <T> T memo(Fetch<T> fetch, Object... key) throws PrometheusException {
    PrometheusException failed = down.get();
    if (failed != null) {
      throw failed;
    }
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> existing = answers.putIfAbsent(List.of(key), mine);
    if (existing == null) {
      try {
        mine.complete(fetch.fetch());
      } catch (PrometheusException e) {
        if (e.unavailable()) {
          down.compareAndSet(null, e);
        }
        mine.completeExceptionally(e);
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      }
      existing = mine;
    }
    try {
      return (T) existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted", true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PrometheusException p) {
        throw p;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Object orNone(Object o) {
    return Objects.requireNonNullElse(o, "");
  }

  @Override
  public List<Sample> query(String promql) throws PrometheusException {
    return memo(() -> server.query(promql), "query", promql);
  }

  @Override
  public List<Map<String, String>> series(String match, Window window) throws PrometheusException {
    return memo(() -> server.series(match, window), "series", orNone(match), orNone(window));
  }

  @Override
  public List<String> labelNames(String match, Window window) throws PrometheusException {
    return memo(() -> server.labelNames(match, window), "labels", orNone(match), orNone(window));
  }

  @Override
  public List<String> labelValues(String label, String match, Window window)
      throws PrometheusException {
    return memo(
        () -> server.labelValues(label, match, window),
        "values",
        label,
        orNone(match),
        orNone(window));
  }

  @Override
  public Map<String, String> metricTypes() throws PrometheusException {
    return memo(server::metricTypes, "metadata");
  }

  @Override
  public String configYaml() throws PrometheusException {
    return memo(server::configYaml, "config");
  }

  @Override
  public Map<String, String> flags() throws PrometheusException {
    return memo(server::flags, "flags");
  }

  @Override
  public BuildInfo buildInfo() throws PrometheusException {
    return memo(server::buildInfo, "buildinfo");
  }
}
