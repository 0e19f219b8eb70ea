package io.aami.promql;

import java.util.Set;

/**
 * Which Prometheus the query is checked for. {@link #PROMETHEUS_3} is the reference; {@link
 * #PROMETHEUS_2} (as of 2.42, Debian's promtool) also refuses what 3.x added: durations as numbers
 * and numbers as durations, quoted UTF-8 names, underscores in numbers, {@code (?<name>)} regex
 * groups, and the functions and aggregations added since.
 */
public enum Dialect {
  PROMETHEUS_3,
  PROMETHEUS_2;

  /** Functions and aggregations that Prometheus 2.42 does not know. */
  static final Set<String> NEWER_THAN_2_42 =
      Set.of(
          "histogram_avg",
          "histogram_stddev",
          "histogram_stdvar",
          "mad_over_time",
          "sort_by_label",
          "sort_by_label_desc",
          "info",
          "double_exponential_smoothing",
          "first_over_time",
          "ts_of_first_over_time",
          "ts_of_last_over_time",
          "ts_of_max_over_time",
          "ts_of_min_over_time",
          "integral",
          "histogram_quantiles",
          "limitk",
          "limit_ratio");
}
