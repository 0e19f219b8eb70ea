package io.aami.metrics;

import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import io.aami.promql.Re2;
import io.aami.promql.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The vector selectors of a PromQL query: which metric names it selects and with which label
 * matchers, with offsets into the query. The metric contract checks ask only this. Read from the
 * parsed tree ({@link PromQL}), so a word is a metric name exactly when Prometheus would select
 * series by it; a query that does not parse selects nothing (callers pass the expanded expr of an
 * alert, which parsed).
 */
public final class SelectedSeries {
  /**
   * One vector selector.
   *
   * @param metric the metric name, from the name before the braces, a quoted name inside them or an
   *     {@code __name__="x"} matcher; empty when the selector names none
   * @param start offset of the selector's first character in the query
   * @param matchers its label matchers, without the one a quoted name stands for
   */
  public record Selector(Optional<String> metric, int start, List<Matcher> matchers) {
    public Selector {
      matchers = List.copyOf(matchers);
    }
  }

  /**
   * One label matcher, its value unquoted.
   *
   * @param start offset of the label name in the query
   */
  public record Matcher(String label, String operator, String value, int start) {
    /**
     * True when the matcher matches a series that lacks the label (whose value is then ""), as
     * Prometheus decides it: regexes are read as RE2, anchored. An unparsable regex is treated as
     * matching it, which never warns wrongly.
     */
    public boolean matchesEmpty() {
      return switch (operator) {
        case "=" -> value.isEmpty();
        case "!=" -> !value.isEmpty();
        case "=~" -> Re2.check(value).isPresent() || Re2.matchesEmpty(value);
        case "!~" -> Re2.check(value).isPresent() || !Re2.matchesEmpty(value);
        default -> true;
      };
    }
  }

  private SelectedSeries() {}

  public static List<Selector> of(String query) {
    return PromQL.check(query).expr().map(SelectedSeries::of).orElse(List.of());
  }

  /** The selectors of a parsed query, in the order they are written. */
  public static List<Selector> of(Expr tree) {
    return Trees.selectors(tree).stream().map(SelectedSeries::selector).toList();
  }

  private static Selector selector(Expr.VectorSelector v) {
    List<Matcher> matchers = new ArrayList<>();
    String quotedName = null;
    for (Expr.Matcher m : v.matchers()) {
      if (m.name().equals("__name__") && m.span().equals(m.valueSpan())) {
        quotedName = m.value(); // {"metric.name", ...}: the parser's matcher for a quoted name
      } else {
        matchers.add(new Matcher(m.name(), m.op().text(), m.value(), m.span().start()));
      }
    }
    Optional<String> metric =
        Optional.ofNullable(v.name() != null ? v.name() : quotedName)
            .or(
                () ->
                    matchers.stream()
                        .filter(m -> m.label().equals("__name__") && m.operator().equals("="))
                        .map(Matcher::value)
                        .findFirst());
    return new Selector(metric, v.span().start(), matchers);
  }
}
