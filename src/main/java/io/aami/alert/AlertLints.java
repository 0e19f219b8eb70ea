package io.aami.alert;

import io.aami.diag.Code;
import io.aami.promql.Expr;
import io.aami.promql.Span;
import io.aami.promql.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warnings about alert queries that parse but probably do not do what their author meant: {@code
 * alert/no-condition}, {@code alert/template-label} and {@code alert/range-too-short}. Each walks
 * the parsed tree once; the rules each applies are in docs/VALIDATE.md.
 */
final class AlertLints {
  /** {@code {{ $labels.x }}}, {@code {{ .Labels.x }}}, and the {@code index} forms. */
  private static final Pattern LABEL_REFERENCE =
      Pattern.compile(
          "\\$labels\\.([A-Za-z_][A-Za-z0-9_]*)|\\.Labels\\.([A-Za-z_][A-Za-z0-9_]*)"
              + "|index\\s+(?:\\$labels|\\.Labels)\\s+\"([^\"]+)\"");

  /** A call of Prometheus's template function {@code query}, as in {@code range query "up"}. */
  private static final Pattern QUERY_CALL = Pattern.compile("(^|[\\s(|])query\\s");

  private AlertLints() {}

  /**
   * Labels whose matchers only pick which targets' series a query reads, not which state of them
   * alerts: a matcher on any other label ({@code phase="Failed"}, {@code code=~"5.."}) filters.
   */
  static final Set<String> SCOPING_LABELS =
      Set.of(
          "__name__",
          "job",
          "instance",
          "group_id",
          "group_name",
          "aami_groups",
          "cluster",
          "namespace");

  /**
   * Warns when nothing in the query filters series, so the alert fires whenever they exist. A
   * constant query ({@code vector(1)}, a heartbeat such as Watchdog) is meant to fire always, and
   * {@code absent*()}, a comparison, {@code and}/{@code unless}, or a selector matching a label
   * value outside {@link #SCOPING_LABELS} all filter.
   */
  static List<FieldProblem> noCondition(Expr tree) {
    if (isConstant(tree) || isCondition(tree)) {
      return List.of();
    }
    return List.of(
        FieldProblem.warning(
                Code.ALERT_NO_CONDITION,
                "the query has no comparison or"
                    + " filter (such as '> 90', 'and', 'unless' or absent(...)), so the alert fires for every"
                    + " series whenever the metric exists")
            .at(0));
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
    if (e instanceof Expr.VectorSelector v) {
      return v.matchers().stream().anyMatch(AlertLints::filters);
    }
    for (Expr child : Trees.children(e)) {
      if (isCondition(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean filters(Expr.Matcher m) {
    if (SCOPING_LABELS.contains(m.name())) {
      return false;
    }
    boolean matchesAll =
        (m.op() == Expr.MatchOp.REGEX && m.value().equals(".*"))
            || (m.op() == Expr.MatchOp.NOT_REGEX && m.value().isEmpty());
    return !matchesAll;
  }

  /** No series at all: only literals and functions of them. */
  private static boolean isConstant(Expr tree) {
    boolean[] readsSeries = {false};
    Trees.preorder(tree, e -> readsSeries[0] |= e instanceof Expr.VectorSelector);
    return !readsSeries[0];
  }

  /**
   * {@code text} (an annotation or label template) refers to labels the query's result cannot have;
   * the warning names the part of {@code expr} that drops them. References inside a {@code range}
   * or {@code with} block over a {@code query} result are the labels of that result, not of the
   * alert, and are left alone.
   */
  static List<FieldProblem> templateLabels(String text, Expr tree, String expr) {
    ResultLabels labels = ResultLabels.of(tree);
    List<FieldProblem> found = new ArrayList<>();
    List<int[]> queryBlocks = queryBlocks(text);
    Matcher m = LABEL_REFERENCE.matcher(text);
    while (m.find()) {
      if (inside(queryBlocks, m.start())) {
        continue;
      }
      String label = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (labels.canCarry(label)) {
        continue;
      }
      String where =
          labels.place() == null
              ? "the query"
              : "'"
                  + snippet(expr, labels.place())
                  + "' (character "
                  + (labels.place().start() + 1)
                  + " of the query)";
      found.add(
          FieldProblem.warning(
                  Code.ALERT_TEMPLATE_LABEL,
                  "uses label '"
                      + label
                      + "', but the query's result cannot carry it: "
                      + where
                      + " drops it, so it renders"
                      + " empty; keep it (e.g. by (..., "
                      + label
                      + ")) or remove the reference")
              .at(m.start()));
    }
    return found;
  }

  /**
   * The {@code [start, end)} offsets of {@code range}/{@code with} blocks whose pipeline runs a
   * {@code query}, from the opening action to its {@code end}; {@code if}, {@code define} and
   * {@code block} open blocks too, so that each {@code end} closes the right one.
   */
  static List<int[]> queryBlocks(String text) {
    List<int[]> blocks = new ArrayList<>();
    Deque<int[]> open = new ArrayDeque<>();
    for (TemplateAction action : TemplateAction.scan(text)) {
      String body = action.body().strip();
      body = (body.startsWith("-") ? body.substring(1) : body).strip();
      String keyword = body.split("[\\s(]", 2)[0];
      switch (keyword) {
        case "range", "with", "if", "define", "block" -> {
          boolean overQuery =
              (keyword.equals("range") || keyword.equals("with"))
                  && QUERY_CALL.matcher(body).find();
          open.push(new int[] {action.start(), overQuery ? 1 : 0});
        }
        case "end" -> {
          if (!open.isEmpty()) {
            int[] block = open.pop();
            if (block[1] == 1) {
              blocks.add(new int[] {block[0], action.end()});
            }
          }
        }
        default -> {}
      }
    }
    // An unclosed block runs to the end (Prometheus would refuse the template anyway).
    open.forEach(
        block -> {
          if (block[1] == 1) {
            blocks.add(new int[] {block[0], text.length()});
          }
        });
    return blocks;
  }

  private static boolean inside(List<int[]> blocks, int offset) {
    return blocks.stream().anyMatch(b -> offset >= b[0] && offset < b[1]);
  }

  /**
   * Ranges over metrics a check declares (the metric contract) that are shorter than two agent
   * intervals: a check publishes one sample per run, so such a window holds at most one sample and
   * {@code rate} or {@code increase} over it is empty. Metrics no check declares (haproxy_*,
   * apiserver_*, node_*) are scraped at their own pace and never warned about; when no check
   * declares metrics, {@code declaredSamples} is empty and nothing is.
   */
  static List<FieldProblem> rangesTooShort(
      Expr tree, long intervalMillis, IntUnaryOperator toTemplate, Set<String> declaredSamples) {
    List<FieldProblem> found = new ArrayList<>();
    Trees.preorder(
        tree,
        e -> {
          if (e instanceof Expr.MatrixSelector m && m.rangeMillis() < 2 * intervalMillis) {
            String name = m.selector().metricName();
            if (name != null && declaredSamples.contains(name)) {
              found.add(
                  FieldProblem.warning(
                          Code.ALERT_RANGE_TOO_SHORT,
                          "range of "
                              + seconds(m.rangeMillis())
                              + " over '"
                              + name
                              + "', a metric a check declares, is"
                              + " shorter than twice the agent interval ("
                              + seconds(intervalMillis)
                              + "): checks"
                              + " publish one sample per run, so the window sees at most one; use at least ["
                              + seconds(2 * intervalMillis)
                              + "]")
                      .at(toTemplate.applyAsInt(m.rangeSpan().start())));
            }
          }
        });
    return found;
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
