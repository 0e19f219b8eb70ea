package io.aami.promql;

import java.util.HashSet;
import java.util.Set;

/** PromQL's reserved words, grouped by the role the parser gives them. */
final class Keywords {
  static final Set<String> AGGREGATORS =
      Set.of(
          "sum",
          "avg",
          "count",
          "min",
          "max",
          "group",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "count_values",
          "quantile",
          "limitk",
          "limit_ratio");
  static final Set<String> WITH_PARAMETER =
      Set.of("topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio");
  static final Set<String> EXPERIMENTAL_AGGREGATORS = Set.of("limitk", "limit_ratio");
  static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

  /** Keywords that Prometheus also accepts as a bare metric name ({@code sum}, {@code offset}). */
  static final Set<String> METRIC_NAMES =
      union(AGGREGATORS, SET_OPERATORS, Set.of("by", "without", "offset", "start", "end"));

  static final Set<String> ALL =
      union(
          METRIC_NAMES,
          Set.of("atan2", "on", "ignoring", "group_left", "group_right", "bool", "inf", "nan"));

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }

  private Keywords() {}
}
