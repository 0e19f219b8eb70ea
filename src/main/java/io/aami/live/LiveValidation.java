package io.aami.live;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code aami validate --prometheus} adds to validation: a check that the validation service
 * runs beside the others, so the live findings are ordinary diagnostics that suppressions and
 * severity settings apply to, and its notes ("not deployed yet") info diagnostics that every report
 * format lists apart from the problems. The server is named by {@code urlOverride} (the command
 * line) or {@code prometheus.url} in the repository's {@code aami.yaml}; with neither, it finds
 * nothing. One instance serves a whole command (both revisions of {@code --base}): one connection,
 * one cache, one time budget.
 */
public final class LiveValidation {
  private final Optional<String> urlOverride;
  private final Function<String, String> environment;
  private final Optional<Path> repositoryRoot;
  private CachingPrometheus prometheus;
  private RequestGate gate;
  private String unavailable;
  private boolean ran;
  private int queries;
  private long nanos;

  public LiveValidation(
      Optional<String> urlOverride,
      Function<String, String> environment,
      Optional<Path> repositoryRoot) {
    this.urlOverride = urlOverride;
    this.environment = environment;
    this.repositoryRoot = repositoryRoot;
  }

  public synchronized List<Diagnostic> check(LoadResult loaded) {
    LiveSettings.Parsed parsed = LiveSettings.parse(loaded.repository().settings());
    LiveSettings settings = urlOverride.map(parsed.settings()::withUrl).orElse(parsed.settings());
    if (settings.url().isEmpty() || unavailable != null) {
      return List.of();
    }
    ran = true;
    if (prometheus == null) {
      gate = new RequestGate(settings.concurrency(), settings.budget());
      try {
        prometheus =
            new CachingPrometheus(Connections.open(settings, environment, repositoryRoot, gate));
      } catch (PrometheusException e) {
        unavailable = e.getMessage();
        return List.of();
      }
    }
    long start = System.nanoTime();
    LiveChecks.Result result =
        LiveChecks.run(
            loaded.repository(),
            loaded.sources(),
            prometheus,
            settings.lookback(),
            settings.concurrency());
    nanos += System.nanoTime() - start;
    queries += result.queries();
    if (result.unavailable().isPresent()) {
      unavailable = result.unavailable().get();
      return List.of();
    }
    List<Diagnostic> found = new ArrayList<>(result.warnings());
    found.addAll(result.notes());
    return found;
  }

  /** Whether a server was configured, so the live checks were attempted. */
  public synchronized boolean attempted() {
    return ran;
  }

  /** Whether a server was named and answered every revision checked, so findings are complete. */
  public synchronized boolean answered() {
    return ran && unavailable == null;
  }

  /** Why the live checks found nothing: the server was unreachable, slow, or refused us. */
  public synchronized Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }

  /**
   * What the run cost, for --verbose and the benchmark: queries checked, requests sent, the most
   * requests in flight at once, and the time the checks took.
   */
  public synchronized String statistics() {
    return queries
        + " queries, "
        + requests()
        + " requests, at most "
        + peakInFlight()
        + " in flight, "
        + String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e9)
        + " s";
  }

  public synchronized long requests() {
    return gate == null ? 0 : gate.requests();
  }

  public synchronized int peakInFlight() {
    return gate == null ? 0 : gate.peakInFlight();
  }
}
