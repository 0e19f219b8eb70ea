package io.aami.live;

import io.aami.diag.Code;
import io.aami.model.PromDuration;
import io.aami.promql.Expr;
import io.aami.promql.Trees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code live/range}: a range that holds fewer than two samples of its metric, so {@code rate} and
 * friends come out empty: shorter than twice the scrape interval of the slowest job producing the
 * metric ({@code status/config}), or, for a check's metric, twice the agent interval when that is
 * longer (a check writes one sample per run), and for a name a recording rule of the repository
 * records, twice its rule group's evaluation interval. Where the offline {@code
 * alert/range-too-short} already warns about the same range of an alert, this stays silent.
 */
final class RangeCheck {
  private final LiveFacts facts;
  private final DeclaredMetrics declared;
  private final Findings findings;
  private final Duration agentInterval;

  RangeCheck(LiveFacts facts, DeclaredMetrics declared, Findings findings, Duration agentInterval) {
    this.facts = facts;
    this.declared = declared;
    this.findings = findings;
    this.agentInterval = agentInterval;
  }

  void check(QuerySite site) throws PrometheusException {
    List<Expr.MatrixSelector> ranges = new ArrayList<>();
    Trees.preorder(
        site.tree(),
        e -> {
          if (e instanceof Expr.MatrixSelector m) {
            ranges.add(m);
          }
        });
    for (Expr.MatrixSelector m : ranges) {
      String metric = m.selector().metricName();
      if (metric == null) {
        continue;
      }
      Duration range = Duration.ofMillis(m.rangeMillis());
      Optional<DeclaredMetrics.Recorded> recorded = declared.recorded(metric);
      if (recorded.isPresent()) {
        recordedRange(site, metric, range, recorded.get());
        continue;
      }
      boolean checkMetric = declared.declared(metric).isPresent();
      if (site.alert() && checkMetric && range.compareTo(agentInterval.multipliedBy(2)) < 0) {
        continue; // alert/range-too-short says this already
      }
      Optional<LiveFacts.JobInterval> scrape = facts.scrapeInterval(metric);
      if (scrape.isEmpty()) {
        continue;
      }
      Duration interval = scrape.get().interval();
      String why =
          "the scrape interval of job '"
              + scrape.get().job()
              + "' ("
              + Durations.text(interval)
              + ")";
      if (checkMetric && agentInterval.compareTo(interval) > 0) {
        interval = agentInterval;
        why = "the agent interval (" + Durations.text(interval) + "), at which its check writes it";
      }
      warnIfShort(site, metric, range, interval, why);
    }
  }

  /**
   * A recorded series gets one sample per evaluation of its rule group, whatever the scrape
   * interval of its inputs: the group's {@code interval}, else the server's global one.
   */
  private void recordedRange(
      QuerySite site, String metric, Duration range, DeclaredMetrics.Recorded recorded)
      throws PrometheusException {
    Optional<Duration> own =
        Optional.ofNullable(recorded.interval())
            .flatMap(PromDuration::parse)
            .map(PromDuration::value);
    Duration interval = own.isPresent() ? own.get() : facts.evaluationInterval();
    String why =
        "the evaluation interval of recording rule '"
            + recorded.rule()
            + "' ("
            + Durations.text(interval)
            + (own.isPresent() ? ", its rule group's" : ", the server's evaluation_interval")
            + "), at which it records it";
    warnIfShort(site, metric, range, interval, why);
  }

  private void warnIfShort(
      QuerySite site, String metric, Duration range, Duration interval, String why) {
    if (range.compareTo(interval.multipliedBy(2)) < 0) {
      findings.warn(
          site,
          site.at(metric),
          Code.LIVE_RANGE,
          "range ["
              + Durations.text(range)
              + "] over '"
              + metric
              + "' is shorter than twice "
              + why
              + ": a window holds at most one sample, so"
              + " rate() and increase() over it are often empty; use at least ["
              + Durations.text(interval.multipliedBy(2))
              + "]");
    }
  }
}
