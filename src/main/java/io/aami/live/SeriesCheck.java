package io.aami.live;

import io.aami.diag.Code;
import io.aami.diag.Suggestions;
import io.aami.promql.Expr;
import io.aami.promql.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code live/series} and {@code live/disappeared}: every vector selector of a query is counted
 * now; one with no series is looked for in the lookback window. Present then, it disappeared; never
 * present, the evidence says why: the metric name does not exist (closest name and its series
 * count), a label the metric never has, a value never seen (closest value), or only the combination
 * matches nothing. A metric that a check declares, whose check targets run, is not deployed yet: an
 * info line, not a warning; so is a metric that an enabled recording rule of the repository records
 * (pint likewise spares the names its run's recording rules produce), a label value such a rule
 * writes (one of its {@code labels}, or its group's {@code group_id}), and a group whose targets do
 * not report yet. A selector under {@code absent()} is expected to be empty at times, so it never
 * "disappears".
 */
final class SeriesCheck {
  private static final Set<String> GROUP_LABELS = Set.of("aami_groups", "group_id", "group_name");
  private static final int VALUES_SHOWN = 5;
  private static final int QUOTE_MAX = 60;

  private final LiveFacts facts;
  private final DeclaredMetrics declared;
  private final Findings findings;

  SeriesCheck(LiveFacts facts, DeclaredMetrics declared, Findings findings) {
    this.facts = facts;
    this.declared = declared;
    this.findings = findings;
  }

  void check(QuerySite site) throws PrometheusException {
    for (Selected s : selectors(site.tree())) {
      String selector = Selectors.text(s.selector());
      if (facts.countNow(selector) > 0) {
        continue;
      }
      String metric = s.selector().metricName();
      if (facts.existedInWindow(selector)) {
        if (!s.underAbsent()) {
          findings.warn(
              site,
              site.at(metric),
              Code.LIVE_DISAPPEARED,
              "'"
                  + shortened(selector)
                  + "' matched "
                  + facts.seriesInWindow(selector)
                  + " series in the last "
                  + facts.lookback()
                  + " but matches none now"
                  + stoppedHint(metric));
        }
        continue;
      }
      explainNever(site, s.selector(), selector, metric);
    }
  }

  private String stoppedHint(String metric) {
    Optional<DeclaredMetrics.Recorded> r =
        metric == null ? Optional.empty() : declared.recorded(metric);
    if (r.isPresent()) {
      return ": recording rule '"
          + r.get().rule()
          + "' records it"
          + (r.get().enabled()
              ? " (do its inputs still have series, and is it deployed?)"
              : ", but it is disabled");
    }
    Optional<DeclaredMetrics.Declared> d =
        metric == null ? Optional.empty() : declared.declared(metric);
    return d.map(
            x ->
                ": check '"
                    + x.check()
                    + "' stopped reporting it (removed from its targets, or failing?)")
        .orElse(": the exporter or targets producing it stopped, or it was renamed");
  }

  private void explainNever(QuerySite site, Expr.VectorSelector v, String selector, String metric)
      throws PrometheusException {
    String never = " (now or in the last " + facts.lookback() + ")";
    if (metric == null) {
      findings.warn(
          site,
          site.at(null),
          Code.LIVE_SERIES,
          "'" + shortened(selector) + "' matches no series" + never);
      return;
    }
    Set<String> names = facts.metricNames();
    if (!names.contains(metric)) {
      missingMetric(site, metric, names, never);
      return;
    }
    for (Expr.Matcher m : v.matchers()) {
      if (m.name().equals("__name__")) {
        continue;
      }
      Predicate<String> accepts = Selectors.acceptor(m);
      List<String> labels = facts.labelNames(metric);
      boolean hasLabel = labels.contains(m.name());
      List<String> values = hasLabel ? facts.labelValues(metric, m.name()) : List.of();
      boolean matchesNone = hasLabel ? values.stream().noneMatch(accepts) : !accepts.test("");
      if (matchesNone) {
        Optional<String> recorder = declared.recordsLabel(metric, m.name(), accepts);
        if (recorder.isPresent()) {
          findings.inform(
              site,
              site.at(m.name()),
              Code.LIVE_SERIES,
              "no series of '"
                  + metric
                  + "' has "
                  + matcher(m)
                  + " yet: recording rule '"
                  + recorder.get()
                  + "' of this repository records them, so they are not deployed yet");
          return;
        }
      }
      if (!hasLabel) {
        if (!accepts.test("")) {
          findings.warn(
              site,
              site.at(m.name()),
              Code.LIVE_SERIES,
              "no series of '"
                  + metric
                  + "' has label '"
                  + m.name()
                  + "'"
                  + never
                  + ", so "
                  + matcher(m)
                  + " never matches"
                  + Suggestions.didYouMean(m.name(), labels)
                  + "; its labels are "
                  + String.join(", ", labels));
          return;
        }
        continue;
      }
      if (matchesNone) {
        if (GROUP_LABELS.contains(m.name()) && site.group() != null) {
          findings.inform(
              site,
              site.at(metric),
              Code.LIVE_SERIES,
              "no target of group '"
                  + site.group()
                  + "' reports '"
                  + metric
                  + "' yet: not deployed yet");
        } else {
          findings.warn(
              site,
              site.at(m.name()),
              Code.LIVE_SERIES,
              "no series of '" + metric + "' has " + matcher(m) + never + closestValue(m, values));
        }
        return;
      }
    }
    findings.warn(
        site,
        site.at(metric),
        Code.LIVE_SERIES,
        "no series of '"
            + metric
            + "' matches '"
            + shortened(selector)
            + "'"
            + never
            + ", though each of its matchers matches some; '"
            + metric
            + "' has "
            + facts.countNow(Selectors.ofMetric(metric))
            + " series now");
  }

  /**
   * A metric without series that the repository explains: information while what makes it (a
   * recording rule, an assigned check) is not deployed yet ({@code expected}), else a warning
   * saying why it never will have any.
   */
  private void explained(
      QuerySite site,
      String metric,
      boolean expected,
      String whyNotYet,
      String whyNever,
      String never) {
    if (expected) {
      findings.inform(
          site, site.at(metric), Code.LIVE_SERIES, "metric '" + metric + "'" + whyNotYet);
    } else {
      findings.warn(
          site,
          site.at(metric),
          Code.LIVE_SERIES,
          "metric '" + metric + "' has no series" + never + whyNever);
    }
  }

  private void missingMetric(QuerySite site, String metric, Set<String> names, String never)
      throws PrometheusException {
    Optional<DeclaredMetrics.Recorded> r = declared.recorded(metric);
    if (r.isPresent()) {
      explained(
          site,
          metric,
          r.get().enabled(),
          " has no series yet: recording rule '"
              + r.get().rule()
              + "' of this repository records it, so it is not deployed yet",
          ": recording rule '" + r.get().rule() + "' records it, but it is disabled",
          never);
      return;
    }
    Optional<DeclaredMetrics.Declared> d = declared.declared(metric);
    if (d.isPresent()) {
      String check = d.get().check();
      explained(
          site,
          metric,
          declared.assigned(check),
          " of check '"
              + check
              + "' has no series yet: the check is assigned to targets but not deployed yet",
          ": check '" + check + "' declares it, but no target runs that check",
          never);
      return;
    }
    Optional<String> closest = Suggestions.closest(metric, names);
    String hint;
    if (closest.isPresent()) {
      hint =
          "; did you mean '"
              + closest.get()
              + "' ("
              + facts.countNow(Selectors.ofMetric(closest.get()))
              + " series now)?";
    } else {
      hint = "; no metric name of the " + names.size() + " in Prometheus is close";
    }
    findings.warn(
        site,
        site.at(metric),
        Code.LIVE_SERIES,
        "metric '" + metric + "' has no series" + never + hint);
  }

  private static String closestValue(Expr.Matcher m, List<String> values) {
    if (values.isEmpty()) {
      return "";
    }
    String list =
        String.join(
                ", ",
                values.subList(0, Math.min(VALUES_SHOWN, values.size())).stream()
                    .map(v -> "'" + shortened(v) + "'")
                    .toList())
            + (values.size() > VALUES_SHOWN ? ", ..." : "");
    if (m.op() == Expr.MatchOp.EQUAL) {
      Optional<String> closest = Suggestions.closest(m.value(), values);
      if (closest.isPresent()) {
        return "; did you mean '"
            + shortened(closest.get())
            + "'? ("
            + values.size()
            + " values seen: "
            + list
            + ")";
      }
      List<String> nearest = Suggestions.nearest(m.value(), values, 1);
      return "; the closest value seen is '"
          + shortened(nearest.get(0))
          + "' ("
          + values.size()
          + " values seen: "
          + list
          + ")";
    }
    return "; " + values.size() + " values seen: " + list;
  }

  private static String matcher(Expr.Matcher m) {
    return m.name() + m.op().text() + Selectors.quote(shortened(m.value()));
  }

  static String shortened(String text) {
    return text.length() <= QUOTE_MAX ? text : text.substring(0, QUOTE_MAX - 3) + "...";
  }

  private record Selected(Expr.VectorSelector selector, boolean underAbsent) {}

  /** Each vector selector once, in query order, noting those inside absent()/absent_over_time(). */
  private static List<Selected> selectors(Expr tree) {
    List<Selected> found = new ArrayList<>();
    walk(tree, false, found);
    return found.stream().distinct().toList();
  }

  private static void walk(Expr e, boolean underAbsent, List<Selected> found) {
    if (e instanceof Expr.VectorSelector v) {
      found.add(new Selected(v, underAbsent));
      return;
    }
    boolean absent =
        underAbsent || (e instanceof Expr.Call c && c.function().name().startsWith("absent"));
    for (Expr child : Trees.children(e)) {
      walk(child, absent, found);
    }
  }
}
