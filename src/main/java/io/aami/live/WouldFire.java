package io.aami.live;

import io.aami.alert.ExpandedAlert;
import io.aami.diff.AlertChange;
import io.aami.diff.FieldChange;
import io.aami.diff.FleetDiff;
import io.aami.diff.FleetDiffer;
import io.aami.diff.GroupChanges;
import io.aami.model.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code aami diff --prometheus}: for every alert a change adds or alters, how many series its
 * query returns now ({@code count(expr)}, one instant query per distinct query, at most {@code
 * concurrency} at a time, each bounded by the timeout and all by the budget of the {@code
 * prometheus:} settings). When the query changed, the base's query is counted too, so a new
 * threshold shows the number before and after.
 */
public final class WouldFire {
  private WouldFire() {}

  /** The counts of one diff, by group and rule; what the diff formats ask. */
  public interface Lookup {
    Lookup NONE = (group, rule) -> Optional.empty();

    Optional<FiringNow> of(String group, String rule);
  }

  /** {@code unavailable} says why there are no counts at all. */
  public record Result(Map<String, FiringNow> counts, Optional<String> unavailable)
      implements Lookup {
    public Result {
      counts = new TreeMap<>(counts);
    }

    @Override
    public Optional<FiringNow> of(String group, String rule) {
      return Optional.ofNullable(counts.get(key(group, rule)));
    }
  }

  private static String key(String group, String rule) {
    return group + "\u0000" + rule;
  }

  public static Result count(
      FleetDiff diff,
      Repository base,
      Repository head,
      LiveSettings settings,
      Function<String, String> environment,
      Optional<Path> repositoryRoot) {
    RequestGate gate = new RequestGate(settings.concurrency(), settings.budget());
    CachingPrometheus prometheus;
    try {
      prometheus =
          new CachingPrometheus(Connections.open(settings, environment, repositoryRoot, gate));
    } catch (PrometheusException e) {
      return new Result(Map.of(), Optional.of(e.getMessage()));
    }
    Map<String, Map<String, ExpandedAlert>> before = FleetDiffer.renderedAlerts(base);
    Map<String, Map<String, ExpandedAlert>> after = FleetDiffer.renderedAlerts(head);
    record Asked(String key, Optional<String> beforeExpr, String afterExpr) {}
    List<Asked> asked = new ArrayList<>();
    for (GroupChanges group : diff.groups()) {
      for (AlertChange change : group.alerts()) {
        ExpandedAlert now = after.getOrDefault(group.group(), Map.of()).get(change.rule());
        if (change.kind() == AlertChange.Kind.REMOVED || now == null) {
          continue;
        }
        boolean exprChanged =
            change.fields().stream().map(FieldChange::path).anyMatch("expr"::equals);
        Optional<String> old =
            exprChanged
                ? Optional.ofNullable(
                        before.getOrDefault(group.group(), Map.of()).get(change.rule()))
                    .map(ExpandedAlert::expr)
                : Optional.empty();
        asked.add(new Asked(key(group.group(), change.rule()), old, now.expr()));
      }
    }
    Map<String, FiringNow> counts = new TreeMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "would-fire");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<FiringNow>> answers = new ArrayList<>();
      for (Asked a : asked) {
        answers.add(
            pool.submit(
                () -> {
                  try {
                    OptionalLong was = OptionalLong.empty();
                    if (a.beforeExpr().isPresent()) {
                      was = OptionalLong.of(count(prometheus, a.beforeExpr().get()));
                    }
                    return FiringNow.counted(was, count(prometheus, a.afterExpr()));
                  } catch (PrometheusException e) {
                    return FiringNow.refused(e.getMessage());
                  }
                }));
      }
      for (int i = 0; i < asked.size(); i++) {
        counts.put(asked.get(i).key(), answers.get(i).get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Map.of(), Optional.of("interrupted"));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("counting an alert failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Optional<String> down = prometheus.unavailable().map(Throwable::getMessage);
    return down.isPresent() ? new Result(Map.of(), down) : new Result(counts, Optional.empty());
  }

  private static long count(PrometheusApi prometheus, String expr) throws PrometheusException {
    List<PrometheusApi.Sample> result = prometheus.query("count(" + expr + ")");
    return result.isEmpty() ? 0 : (long) result.get(0).value();
  }
}
