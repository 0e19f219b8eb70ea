package io.aami.promql;

import java.util.List;
import java.util.Random;

/**
 * Random PromQL expressions from a fixed seed: mostly well-formed ones built from the grammar, a
 * share of them mutated (a character deleted, doubled or inserted) so that both valid and invalid
 * inputs are exercised. Uses only what Prometheus 2.42 and 3.x both have, so that promtool 2.42 can
 * judge them.
 */
final class ExpressionGenerator {
  private static final List<String> METRICS =
      List.of(
          "up",
          "http_requests_total",
          "node_load1",
          "job:rate5m:sum",
          "mount_check",
          "sum",
          "offset");
  private static final List<String> LABELS = List.of("job", "instance", "path", "le", "by");
  private static final List<String> VALUES =
      List.of(
          "a",
          "",
          ".*",
          ".+",
          "x|y",
          "(a",
          "a{2,1001}",
          "(?=x)",
          "a\\\\d+",
          "[z-a]",
          "(?i)web",
          "a**",
          "\\\\pL");
  private static final List<String> RANGE_FUNCTIONS =
      List.of(
          "rate",
          "irate",
          "increase",
          "delta",
          "changes",
          "avg_over_time",
          "max_over_time",
          "last_over_time",
          "present_over_time");
  private static final List<String> VECTOR_FUNCTIONS =
      List.of("abs", "ceil", "sort", "timestamp", "absent", "sgn", "exp");
  private static final List<String> AGGREGATIONS =
      List.of("sum", "avg", "min", "max", "count", "group", "stddev");
  private static final List<String> BINARY =
      List.of(
          "+", "-", "*", "/", "%", "^", "==", "!=", ">", "<", ">=", "<=", "and", "or", "unless",
          "atan2");
  private static final List<String> DURATIONS =
      List.of("5m", "1h", "30s", "1h30m", "0s", "1d", "500ms", "2w");
  private static final String NOISE = "(){}[],=~!<>+-*/^@:\"' 0a";

  private final Random random;

  ExpressionGenerator(long seed) {
    this.random = new Random(seed);
  }

  String next() {
    String e = expr(3);
    if (random.nextInt(100) < 35) {
      e = mutate(e);
    }
    return e;
  }

  private String mutate(String e) {
    if (e.isEmpty()) {
      return e;
    }
    int at = random.nextInt(e.length());
    return switch (random.nextInt(3)) {
      case 0 -> e.substring(0, at) + e.substring(at + 1);
      case 1 -> e.substring(0, at) + e.charAt(at) + e.substring(at);
      default ->
          e.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + e.substring(at);
    };
  }

  private String expr(int depth) {
    int choice = depth <= 0 ? random.nextInt(3) : random.nextInt(11);
    return switch (choice) {
      case 0 -> selector();
      case 1 -> number();
      case 2 -> pick(RANGE_FUNCTIONS) + "(" + selector() + "[" + pick(DURATIONS) + "])";
      case 3 -> binary(depth);
      case 4 -> aggregation(depth);
      case 5 -> pick(VECTOR_FUNCTIONS) + "(" + expr(depth - 1) + ")";
      case 6 -> "(" + expr(depth - 1) + ")";
      case 7 -> "-" + expr(depth - 1);
      case 8 -> selector() + " offset " + (random.nextBoolean() ? "-" : "") + pick(DURATIONS);
      case 9 ->
          "max_over_time("
              + expr(depth - 1)
              + "["
              + pick(DURATIONS)
              + ":"
              + (random.nextBoolean() ? pick(DURATIONS) : "")
              + "])";
      default ->
          oneOf(
              "topk(3, " + expr(depth - 1) + ")",
              "quantile(0.9, " + expr(depth - 1) + ")",
              "count_values(\"v\", " + expr(depth - 1) + ")",
              "histogram_quantile(0.9, " + expr(depth - 1) + ")",
              "clamp(" + expr(depth - 1) + ", 0, 1)",
              "label_replace(" + expr(depth - 1) + ", \"dst\", \"$1\", \"src\", \"(.*)\")",
              "vector(1)",
              "scalar(" + expr(depth - 1) + ")",
              "time()",
              selector() + " @ " + oneOf("100", "start()", "end()", "-5.5"));
    };
  }

  private String binary(int depth) {
    String op = pick(BINARY);
    String modifier = "";
    int m = random.nextInt(6);
    if (m == 1) {
      modifier = " bool";
    } else if (m == 2) {
      modifier = " on(" + pick(LABELS) + ")";
    } else if (m == 3) {
      modifier = " ignoring(" + pick(LABELS) + ") group_left(" + pick(LABELS) + ")";
    }
    return expr(depth - 1) + " " + op + modifier + " " + expr(depth - 1);
  }

  private String aggregation(int depth) {
    String agg = pick(AGGREGATIONS);
    String grouping =
        random.nextBoolean()
            ? ""
            : (random.nextBoolean() ? " by " : " without ")
                + "("
                + pick(LABELS)
                + (random.nextBoolean() ? ", " + pick(LABELS) : "")
                + ")";
    return random.nextBoolean()
        ? agg + grouping + " (" + expr(depth - 1) + ")"
        : agg + "(" + expr(depth - 1) + ")" + grouping;
  }

  private String selector() {
    String name = random.nextInt(5) == 0 ? "" : pick(METRICS);
    int matchers = name.isEmpty() ? 1 + random.nextInt(2) : random.nextInt(3);
    if (matchers == 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    for (int i = 0; i < matchers; i++) {
      sb.append(i > 0 ? ", " : "")
          .append(pick(LABELS))
          .append(pick(List.of("=", "!=", "=~", "!~")))
          .append('"')
          .append(pick(VALUES))
          .append('"');
    }
    return sb.append('}').toString();
  }

  private String number() {
    return pick(List.of("1", "0.5", "1e3", "0x1f", "Inf", "NaN", ".5", "100"));
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  private String oneOf(String... options) {
    return options[random.nextInt(options.length)];
  }
}
