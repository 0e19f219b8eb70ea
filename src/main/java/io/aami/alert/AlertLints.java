package io.aami.alert;

import io.aami.diag.Code;
import io.aami.promql.Expr;
import io.aami.promql.Span;
import io.aami.promql.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warnings about alert queries that parse but probably do not do what their author meant:
 * {@code alert/no-condition}, {@code alert/template-label} and {@code alert/range-too-short}.
 * Each walks the parsed tree once.
 */
final class AlertLints {
  /** {@code {{ $labels.x }}}, {@code {{ .Labels.x }}}, and the {@code index} forms. */
  private static final Pattern LABEL_REFERENCE = Pattern.compile(
      "\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)|\\.Labels\\.([A-Za-z_][A-Za-z0-9_]*)"
          + "|index\\s+(?:\\$labels|\\.Labels)\\s+\"([^\"]+)\"");

  private AlertLints() {}

  /** Warns when nothing in the query filters series, so the alert fires whenever they exist. */
  static List<FieldProblem> noCondition(Expr tree) {
    if (isCondition(tree)) {
      return List.of();
    }
    return List.of(FieldProblem.warning(Code.ALERT_NO_CONDITION, "the query has no comparison or"
        + " filter (such as '> 90', 'and', 'unless' or absent(...)), so the alert fires for every"
        + " series whenever the metric exists").at(0));
  }

  private static boolean isCondition(Expr e) {
    if (e instanceof Expr.Binary b) {
      if (b.isComparison()) {
        return !b.returnBool() || isCondition(b.lhs()) || isCondition(b.rhs());
      }
      if (b.op().equals("and") || b.op().equals("unless")) {
        return true;
      }
      if (b.op().equals("or")) {
        return isCondition(b.lhs()) && isCondition(b.rhs());
      }
      return isCondition(b.lhs()) || isCondition(b.rhs());
    }
    if (e instanceof Expr.Call c && c.function().name().startsWith("absent")) {
      return true;
    }
    if (e instanceof Expr.Aggregate a) {
      return isCondition(a.expr());
    }
    for (Expr child : Trees.children(e)) {
      if (isCondition(child)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} (an annotation or label template) refers to labels the query's result cannot
   * have; the warning names the part of {@code expr} that drops them.
   */
  static List<FieldProblem> templateLabels(String text, Expr tree, String expr) {
    ResultLabels labels = ResultLabels.of(tree);
    List<FieldProblem> found = new ArrayList<>();
    Matcher m = LABEL_REFERENCE.matcher(text);
    while (m.find()) {
      String label = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (labels.canCarry(label)) {
        continue;
      }
      String where = labels.place() == null ? "the query"
          : "'" + snippet(expr, labels.place()) + "' (character " + (labels.place().start() + 1)
              + " of the query)";
      found.add(FieldProblem.warning(Code.ALERT_TEMPLATE_LABEL, "uses label '" + label
          + "', but the query's result cannot carry it: " + where + " drops it, so it renders"
          + " empty; keep it (e.g. by (..., " + label + ")) or remove the reference")
          .at(m.start()));
    }
    return found;
  }

  /**
   * Ranges over metrics the node checks produce that are shorter than two agent intervals: a
   * check publishes one sample per run, so such a window holds at most one sample and
   * {@code rate} or {@code increase} over it is empty.
   */
  static List<FieldProblem> rangesTooShort(Expr tree, long intervalMillis, IntUnaryOperator toTemplate) {
    List<FieldProblem> found = new ArrayList<>();
    Trees.preorder(tree, e -> {
      if (e instanceof Expr.MatrixSelector m && m.rangeMillis() < 2 * intervalMillis) {
        String name = metricName(m.selector());
        if (name != null && CheckMetrics.isCheckProduced(name)) {
          found.add(FieldProblem.warning(Code.ALERT_RANGE_TOO_SHORT, "range of "
              + seconds(m.rangeMillis()) + " over '" + name + "', a metric of the node checks, is"
              + " shorter than twice the agent interval (" + seconds(intervalMillis) + "): checks"
              + " publish one sample per run, so the window sees at most one; use at least ["
              + seconds(2 * intervalMillis) + "]").at(toTemplate.applyAsInt(m.rangeSpan().start())));
        }
      }
    });
    return found;
  }

  private static String metricName(Expr.VectorSelector v) {
    if (v.name() != null) {
      return v.name();
    }
    return v.matchers().stream().filter(m -> m.name().equals("__name__")
        && m.op() == Expr.MatchOp.EQUAL).map(Expr.Matcher::value).findFirst().orElse(null);
  }

  private static String seconds(long millis) {
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static String snippet(String expr, Span span) {
    String s = expr.substring(span.start(), Math.min(span.end(), expr.length()));
    s = s.replaceAll("\\s+", " ");
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
