package io.aami.live;

import io.aami.diag.Code;
import io.aami.promql.Expr;
import io.aami.promql.Trees;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code live/counter}: {@code rate}, {@code irate}, {@code increase} or {@code resets} over a
 * gauge, and a counter compared as a raw value (its total since the process started). A metric's
 * type is the one its check declares, else Prometheus's metadata for the name, else for the family
 * the name belongs to ({@code _total}, {@code _bucket}, {@code _count}, {@code _sum}). Only
 * metadata is requested, once per run.
 */
final class CounterCheck {
  private static final Set<String> COUNTER_FUNCTIONS =
      Set.of("rate", "irate", "increase", "resets");

  /** Aggregations whose result does not depend on the values they aggregate. */
  private static final Set<String> VALUE_FREE = Set.of("count", "group", "count_values");

  private final LiveFacts facts;
  private final DeclaredMetrics declared;
  private final Findings findings;

  CounterCheck(LiveFacts facts, DeclaredMetrics declared, Findings findings) {
    this.facts = facts;
    this.declared = declared;
    this.findings = findings;
  }

  void check(QuerySite site) throws PrometheusException {
    Map<String, String> metadata = facts.types();
    Trees.preorder(
        site.tree(),
        e -> {
          if (e instanceof Expr.Call c
              && COUNTER_FUNCTIONS.contains(c.function().name())
              && !c.args().isEmpty()
              && c.args().get(0) instanceof Expr.MatrixSelector m) {
            String metric = m.selector().metricName();
            Optional<Typed> type = typeOf(metric, metadata);
            if (type.isPresent() && type.get().type().equals("gauge")) {
              findings.warn(
                  site,
                  site.at(c.function().name()),
                  Code.LIVE_COUNTER,
                  c.function().name()
                      + "() over '"
                      + metric
                      + "', which is a gauge ("
                      + type.get().source()
                      + "): it assumes a counter that only"
                      + " goes up and reads every drop as a reset; use deriv() or delta() for a gauge's change,"
                      + " or avg_over_time()/max_over_time() for its level");
            }
          } else if (e instanceof Expr.Binary b && b.isComparison()) {
            rawCounter(site, b.lhs(), metadata);
            rawCounter(site, b.rhs(), metadata);
          }
        });
  }

  /** Counters whose raw value reaches the comparison through arithmetic and aggregations. */
  private void rawCounter(QuerySite site, Expr e, Map<String, String> metadata) {
    if (e instanceof Expr.VectorSelector v) {
      String metric = v.metricName();
      Optional<Typed> type = typeOf(metric, metadata);
      if (type.isPresent() && type.get().type().equals("counter")) {
        findings.warn(
            site,
            site.at(metric),
            Code.LIVE_COUNTER,
            "'"
                + metric
                + "' is a counter ("
                + type.get().source()
                + ") compared as a raw value: that is its total since the process or"
                + " check started, which only grows; compare rate("
                + metric
                + "[5m]) or increase("
                + metric
                + "[1h]) instead");
      }
    } else if (e instanceof Expr.Paren || e instanceof Expr.Unary) {
      Trees.children(e).forEach(child -> rawCounter(site, child, metadata));
    } else if (e instanceof Expr.Aggregate a && !VALUE_FREE.contains(a.op())) {
      rawCounter(site, a.expr(), metadata);
    } else if (e instanceof Expr.Binary b && !b.isComparison()) {
      rawCounter(site, b.lhs(), metadata);
      if (!b.isSetOperation()) {
        rawCounter(site, b.rhs(), metadata);
      }
    }
  }

  record Typed(String type, String source) {}

  Optional<Typed> typeOf(String metric, Map<String, String> metadata) {
    if (metric == null) {
      return Optional.empty();
    }
    Optional<DeclaredMetrics.Declared> d = declared.declared(metric);
    if (d.isPresent()) {
      return Optional.of(
          new Typed(d.get().type(), "check '" + d.get().check() + "' declares its type"));
    }
    String direct = metadata.get(metric);
    if (direct != null) {
      return Optional.of(new Typed(direct, "Prometheus metadata"));
    }
    for (String suffix : new String[] {"_total", "_bucket", "_count", "_sum"}) {
      if (metric.endsWith(suffix)) {
        String family = metadata.get(metric.substring(0, metric.length() - suffix.length()));
        if (family != null
            && (family.equals("counter")
                || family.equals("histogram")
                || family.equals("summary")
                || family.equals("gaugehistogram"))) {
          boolean counter = !family.equals("gaugehistogram");
          return Optional.of(
              new Typed(
                  counter ? "counter" : "gauge",
                  "Prometheus metadata of the "
                      + family
                      + " '"
                      + metric.substring(0, metric.length() - suffix.length())
                      + "'"));
        }
      }
    }
    return Optional.empty();
  }
}
