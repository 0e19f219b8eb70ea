package io.aami.promql;

import static io.aami.promql.ValueType.MATRIX;
import static io.aami.promql.ValueType.SCALAR;
import static io.aami.promql.ValueType.STRING;
import static io.aami.promql.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every function of the Prometheus 3.x documentation with its argument types. {@code optional} is
 * how many trailing arguments may be left out ({@code -1}: the last type repeats without bound).
 * Experimental functions need a feature flag in Prometheus; aami accepts them with a warning.
 */
public final class Functions {
  public record Function(
      String name, List<ValueType> args, int optional, ValueType returns, boolean experimental) {

    public int minArgs() {
      return optional == 0 ? args.size() : args.size() - 1;
    }

    /** Integer.MAX_VALUE for no bound. */
    public int maxArgs() {
      return optional < 0
          ? Integer.MAX_VALUE
          : optional == 0 ? args.size() : args.size() - 1 + optional;
    }

    public ValueType argType(int i) {
      return args.get(Math.min(i, args.size() - 1));
    }
  }

  private static final Map<String, Function> BY_NAME = new HashMap<>();

  static {
    for (String name :
        List.of(
            "abs",
            "absent",
            "acos",
            "acosh",
            "asin",
            "asinh",
            "atan",
            "atanh",
            "ceil",
            "cos",
            "cosh",
            "deg",
            "exp",
            "floor",
            "histogram_avg",
            "histogram_count",
            "histogram_sum",
            "histogram_stddev",
            "histogram_stdvar",
            "ln",
            "log10",
            "log2",
            "rad",
            "sgn",
            "sin",
            "sinh",
            "sort",
            "sort_desc",
            "sqrt",
            "tan",
            "tanh",
            "timestamp")) {
      add(name, VECTOR, 0, false, VECTOR);
    }
    for (String name :
        List.of(
            "absent_over_time",
            "avg_over_time",
            "changes",
            "count_over_time",
            "delta",
            "deriv",
            "idelta",
            "increase",
            "irate",
            "last_over_time",
            "max_over_time",
            "min_over_time",
            "present_over_time",
            "rate",
            "resets",
            "stddev_over_time",
            "stdvar_over_time",
            "sum_over_time")) {
      add(name, VECTOR, 0, false, MATRIX);
    }
    for (String name :
        List.of(
            "first_over_time",
            "mad_over_time",
            "ts_of_first_over_time",
            "ts_of_last_over_time",
            "ts_of_max_over_time",
            "ts_of_min_over_time")) {
      add(name, VECTOR, 0, true, MATRIX);
    }
    for (String name :
        List.of(
            "days_in_month",
            "day_of_month",
            "day_of_week",
            "day_of_year",
            "hour",
            "minute",
            "month",
            "year")) {
      add(name, VECTOR, 1, false, VECTOR);
    }
    add("clamp", VECTOR, 0, false, VECTOR, SCALAR, SCALAR);
    add("clamp_max", VECTOR, 0, false, VECTOR, SCALAR);
    add("clamp_min", VECTOR, 0, false, VECTOR, SCALAR);
    add("histogram_fraction", VECTOR, 0, false, SCALAR, SCALAR, VECTOR);
    add("histogram_quantile", VECTOR, 0, false, SCALAR, VECTOR);
    add("histogram_quantiles", VECTOR, 9, true, VECTOR, STRING, SCALAR, SCALAR);
    add("double_exponential_smoothing", VECTOR, 0, true, MATRIX, SCALAR, SCALAR);
    add("info", VECTOR, 1, true, VECTOR, VECTOR);
    add("integral", VECTOR, 1, true, MATRIX, SCALAR);
    add("label_replace", VECTOR, 0, false, VECTOR, STRING, STRING, STRING, STRING);
    add("label_join", VECTOR, -1, false, VECTOR, STRING, STRING, STRING);
    add("pi", SCALAR, 0, false);
    add("predict_linear", VECTOR, 0, false, MATRIX, SCALAR);
    add("quantile_over_time", VECTOR, 0, false, SCALAR, MATRIX);
    add("round", VECTOR, 1, false, VECTOR, SCALAR);
    add("scalar", SCALAR, 0, false, VECTOR);
    add("sort_by_label", VECTOR, -1, true, VECTOR, STRING);
    add("sort_by_label_desc", VECTOR, -1, true, VECTOR, STRING);
    add("time", SCALAR, 0, false);
    add("vector", VECTOR, 0, false, SCALAR);
  }

  private Functions() {}

  private static void add(
      String name, ValueType returns, int optional, boolean experimental, ValueType... args) {
    BY_NAME.put(name, new Function(name, List.of(args), optional, returns, experimental));
  }

  public static Optional<Function> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every known name, for "did you mean". */
  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
  }
}
