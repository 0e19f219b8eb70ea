package io.aami.live;

import io.aami.promql.Expr;
import io.aami.promql.Re2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Vector selectors of a parsed query written back as PromQL, and what their matchers accept. */
final class Selectors {
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern PLAIN_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** One compilation per distinct regex of a run: a matcher is tried against every label value. */
  private static final Map<String, Optional<Pattern>> COMPILED = new ConcurrentHashMap<>();

  private Selectors() {}

  /**
   * The selector without offset or {@code @}: what it selects now. Names that need quoting are
   * written as {@code __name__} matchers, which every Prometheus version reads.
   */
  static String text(Expr.VectorSelector v) {
    List<String> matchers = new ArrayList<>();
    String name = v.name();
    if (name != null && !PLAIN_NAME.matcher(name).matches()) {
      matchers.add("__name__=" + quote(name));
      name = null;
    }
    for (Expr.Matcher m : v.matchers()) {
      String label = PLAIN_LABEL.matcher(m.name()).matches() ? m.name() : quote(m.name());
      matchers.add(label + m.op().text() + quote(m.value()));
    }
    return (name == null ? "" : name)
        + (matchers.isEmpty() && name != null ? "" : "{" + String.join(",", matchers) + "}");
  }

  /** Just the metric: {@code name} or {@code {__name__="name"}}. */
  static String ofMetric(String name) {
    return PLAIN_NAME.matcher(name).matches() ? name : "{__name__=" + quote(name) + "}";
  }

  static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Whether a series whose label has {@code value} ("" when it lacks the label) passes {@code m}.
   * Regexes are anchored as in Prometheus and read as RE2 reads them ({@link Re2#toJava}); a regex
   * that is not RE2 is taken to accept everything, which never warns wrongly.
   */
  static boolean accepts(Expr.Matcher m, String value) {
    return switch (m.op()) {
      case EQUAL -> value.equals(m.value());
      case NOT_EQUAL -> !value.equals(m.value());
      case REGEX -> regexMatches(m.value(), value, true);
      case NOT_REGEX -> !regexMatches(m.value(), value, false);
    };
  }

  private static boolean regexMatches(String regex, String value, boolean ifUnreadable) {
    Optional<Pattern> pattern = COMPILED.computeIfAbsent(regex, Selectors::compile);
    return pattern.map(p -> p.matcher(value).matches()).orElse(ifUnreadable);
  }

  private static Optional<Pattern> compile(String regex) {
    try {
      return Re2.toJava(regex).map(j -> Pattern.compile(j, Pattern.DOTALL | Re2.JAVA_FLAGS));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }
}
