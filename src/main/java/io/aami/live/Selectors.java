package io.aami.live;

import io.aami.promql.Escaping;
import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import io.aami.promql.Re2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Vector selectors of a parsed query written back as PromQL, and what their matchers accept. */
final class Selectors {
  private Selectors() {}

  /**
   * The selector without offset or {@code @}: what it selects now. Names that need quoting are
   * written as {@code __name__} matchers, which every Prometheus version reads.
   */
  static String text(Expr.VectorSelector v) {
    List<String> matchers = new ArrayList<>();
    String name = v.name();
    if (name != null && !PromQL.isMetricName(name)) {
      matchers.add("__name__=" + quote(name));
      name = null;
    }
    for (Expr.Matcher m : v.matchers()) {
      String label = PromQL.isLabelName(m.name()) ? m.name() : quote(m.name());
      matchers.add(label + m.op().text() + quote(m.value()));
    }
    return (name == null ? "" : name)
        + (matchers.isEmpty() && name != null ? "" : "{" + String.join(",", matchers) + "}");
  }

  /** Just the metric: {@code name} or {@code {__name__="name"}}. */
  static String ofMetric(String name) {
    return PromQL.isMetricName(name) ? name : "{__name__=" + quote(name) + "}";
  }

  /** {@code value} as a double-quoted PromQL string. */
  static String quote(String value) {
    return '"' + Escaping.inString('"', value).orElseThrow() + '"';
  }

  /**
   * Which label values pass {@code m} ("" when a series lacks the label); a regex is compiled once
   * here, since the predicate is tried against every value of the label. Regexes are anchored as in
   * Prometheus and read as RE2 reads them ({@link Re2#toJava}); a regex that is not RE2 is taken to
   * accept everything, which never warns wrongly.
   */
  static Predicate<String> acceptor(Expr.Matcher m) {
    String wanted = m.value();
    return switch (m.op()) {
      case EQUAL -> wanted::equals;
      case NOT_EQUAL -> value -> !value.equals(wanted);
      case REGEX ->
          compile(wanted)
              .<Predicate<String>>map(p -> v -> p.matcher(v).matches())
              .orElse(value -> true);
      case NOT_REGEX ->
          compile(wanted)
              .<Predicate<String>>map(p -> v -> !p.matcher(v).matches())
              .orElse(value -> true);
    };
  }

  private static Optional<Pattern> compile(String regex) {
    try {
      return Re2.toJava(regex).map(j -> Pattern.compile(j, Pattern.DOTALL | Re2.JAVA_FLAGS));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }
}
