package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import io.aami.promql.Escaping;
import io.aami.promql.Expr;
import io.aami.promql.Problem;
import io.aami.promql.PromQL;
import io.aami.promql.QueryTemplate;
import io.aami.promql.Span;
import io.aami.promql.Trees;
import io.aami.promql.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Turns a {@code query_template} into the PromQL {@code expr} of one rule.
 *
 * <ol>
 *   <li>Any {@code {{ ... }}} action that is not an aami placeholder is an error: Prometheus does
 *       not template {@code expr}, so {@code {{ $labels.x }}} there is always a mistake.
 *   <li>A label matcher whose quoted value is exactly one placeholder without a value ({@code
 *       path="{{ .mount_path }}"} with no {@code mount_path}) is removed together with its
 *       separating comma; a selector left empty loses its braces ({@code mount_check{}} becomes
 *       {@code mount_check}), and one without a metric name is an error ({@link UnsetMatchers}).
 *   <li>Every other placeholder is replaced, escaped for the place it stands in, as the template
 *       reads as a query ({@link QueryTemplate}, {@link Escaping}); one without a value is an
 *       error. A built-in ({@code group_id}, ...) in the regex of a {@code =~}/{@code !~} matcher
 *       is regex-quoted first, so that it matches only itself.
 *   <li>The result is parsed and type-checked as PromQL ({@link PromQL}); a problem is located at
 *       the template character it comes from, and a value that is valid text but wrong where it
 *       stands (a duration compared with a number) is refused.
 * </ol>
 */
public final class QueryExpander {
  /**
   * The expanded query (null when an error prevents it), its PromQL tree (null unless it parsed),
   * the removed matchers, and problems located at template offsets.
   */
  public record Result(
      String expr,
      Expr tree,
      List<String> removedMatchers,
      List<FieldProblem> problems,
      IntUnaryOperator toTemplate) {}

  /** Characters of the rendered query shown on each side of a syntax error. */
  static final int WINDOW = 40;

  private QueryExpander() {}

  /**
   * Problems of the template text alone, whatever the values: actions that are not placeholders.
   */
  public static List<FieldProblem> lint(String template) {
    List<FieldProblem> problems = new ArrayList<>();
    for (TemplateAction action : TemplateAction.scan(template)) {
      if (!action.isPlaceholder()) {
        problems.add(
            placeholderProblem(
                    action,
                    "is not an aami placeholder {{ .name }}; Prometheus does not"
                        + " expand templates in expr, so it would reach the query as text")
                .at(action.start()));
      }
    }
    return problems;
  }

  /** A placeholder's value as written into the query: where, in both texts. */
  private record Substitution(
      String name, String value, int exprStart, int exprEnd, int templateStart) {}

  public static Result expand(String template, PlaceholderScope scope) {
    List<FieldProblem> problems = new ArrayList<>(lint(template));
    List<String> removed = new ArrayList<>();
    OffsetMap edits = new OffsetMap();
    String text = UnsetMatchers.remove(template, scope, removed, problems, edits);
    if (text == null || hasErrors(problems)) {
      return new Result(null, null, removed, problems, edits::toTemplate);
    }
    List<Substitution> substitutions = new ArrayList<>();
    String expr = substitute(text, scope, problems, edits, substitutions);
    if (expr == null) {
      return new Result(null, null, removed, problems, edits::toTemplate);
    }
    PromQL.Result parsed = PromQL.check(expr);
    Optional<Problem> error = parsed.firstError();
    if (error.isPresent()) {
      int at = error.get().span().start();
      String shown = expr.equals(template) ? "" : " (rendered query: " + window(expr, at) + ")";
      problems.add(
          FieldProblem.error(Code.PROMQL, error.get().message() + shown).at(edits.toTemplate(at)));
      return new Result(null, null, removed, problems, edits::toTemplate);
    }
    for (Problem p : parsed.problems()) {
      problems.add(
          FieldProblem.warning(Code.PROMQL, p.message()).at(edits.toTemplate(p.span().start())));
    }
    Expr tree = parsed.expr().orElseThrow();
    if (tree.type() != ValueType.VECTOR && tree.type() != ValueType.SCALAR) {
      problems.add(
          FieldProblem.error(
                  Code.PROMQL,
                  "an alert's query must produce an instant vector"
                      + " (or a scalar), not a "
                      + tree.type().description())
              .at(0));
    }
    checkPositions(tree, substitutions, problems);
    return new Result(
        hasErrors(problems) ? null : expr, tree, removed, problems, edits::toTemplate);
  }

  /** {@code expr} around {@code at}, with a marker before the offending character, on one line. */
  static String window(String expr, int at) {
    int from = Math.max(0, at - WINDOW);
    int to = Math.min(expr.length(), at + WINDOW);
    String text =
        (from > 0 ? "..." : "")
            + expr.substring(from, at)
            + "\u2192"
            + expr.substring(at, to)
            + (to < expr.length() ? "..." : "");
    return "'" + text.replaceAll("[\\r\\n\\t]", " ") + "'";
  }

  /**
   * Values valid as text but not where they stand: a duration where the query compares with a
   * number ({@code m > {{ .t }}} with {@code t: 5m}), or a bare number as a range or offset ({@code
   * m[{{ .w }}]} with {@code w: 1}). Prometheus 3 reads both as numbers of seconds; Prometheus 2
   * (and promtool 2.x) refuses them, and either way the value is almost surely not what the author
   * meant.
   */
  private static void checkPositions(
      Expr tree, List<Substitution> substitutions, List<FieldProblem> problems) {
    if (substitutions.isEmpty()) {
      return;
    }
    List<Span> numbers = new ArrayList<>();
    List<Span> durations = new ArrayList<>();
    Trees.preorder(
        tree,
        e -> {
          if (e instanceof Expr.NumberLiteral n) {
            numbers.add(n.span());
          } else if (e instanceof Expr.MatrixSelector m) {
            durations.add(m.rangeSpan());
            addOffset(m.offset(), durations);
            addOffset(m.selector().offset(), durations);
          } else if (e instanceof Expr.Subquery q) {
            durations.add(q.rangeSpan());
            addOffset(q.offset(), durations);
          } else if (e instanceof Expr.VectorSelector v) {
            addOffset(v.offset(), durations);
          }
        });
    for (Substitution s : substitutions) {
      boolean isDuration = PromQL.isDuration(s.value()) && !isNumber(s.value());
      if (isDuration && covers(numbers, s) && !coversDuration(durations, s)) {
        problems.add(
            wrongKind(
                s,
                "is a duration where the query needs a number; write it in seconds"
                    + " (Prometheus 2 refuses a duration here, Prometheus 3 reads it as seconds)"));
      } else if (isNumber(s.value()) && coversDuration(durations, s)) {
        problems.add(
            wrongKind(
                s,
                "is a bare number where the query needs a duration such as 5m"
                    + " (Prometheus 2 refuses it, Prometheus 3 reads it as seconds)"));
      }
    }
  }

  private static void addOffset(Expr.Offset offset, List<Span> durations) {
    if (offset != null) {
      durations.add(offset.span());
    }
  }

  private static boolean isNumber(String v) {
    return PromQL.isNumber(v);
  }

  private static boolean covers(List<Span> spans, Substitution s) {
    return spans.stream()
        .anyMatch(
            sp ->
                sp.start() <= s.exprStart()
                    && s.exprEnd() <= sp.end()
                    && sp.end() - sp.start() <= s.exprEnd() - s.exprStart() + 1);
  }

  private static boolean coversDuration(List<Span> spans, Substitution s) {
    return spans.stream().anyMatch(sp -> sp.start() <= s.exprStart() && s.exprEnd() <= sp.end());
  }

  private static boolean hasErrors(List<FieldProblem> problems) {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  private static String substitute(
      String text,
      PlaceholderScope scope,
      List<FieldProblem> problems,
      OffsetMap edits,
      List<Substitution> substitutions) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    int copied = 0;
    boolean failed = false;
    Set<Integer> seen = new HashSet<>();
    for (QueryTemplate.Hole hole :
        QueryTemplate.read(text, TemplateAction.placeholders()).holes()) {
      TemplateAction p = TemplateAction.placeholderAt(text, hole.span().start()).orElseThrow();
      seen.add(p.start());
      Optional<String> replacement = replacement(hole, p, scope, problems);
      if (replacement.isEmpty()) {
        failed = true;
        continue;
      }
      out.append(text, copied, p.start());
      int exprStart = out.length();
      out.append(replacement.get());
      edits.replace(exprStart, p.end() - p.start(), replacement.get().length());
      substitutions.add(
          new Substitution(
              p.placeholder().orElseThrow(),
              replacement.get(),
              exprStart,
              out.length(),
              edits.toTemplate(exprStart)));
      copied = p.end();
    }
    out.append(text, copied, text.length());
    // A backslash in a quoted literal takes the next character, so "\{{ .x }}" is no hole; left
    // alone, it would reach the query unexpanded.
    for (TemplateAction action : TemplateAction.scan(text)) {
      if (action.isPlaceholder() && !seen.contains(action.start())) {
        problems.add(
            placeholderProblem(
                action,
                "is escaped by the backslash before it and would reach the"
                    + " query as text; remove the backslash"));
        failed = true;
      }
    }
    return failed ? null : out.toString();
  }

  /**
   * The value of placeholder {@code p} written for its place. In the regex of a {@code =~} or
   * {@code !~} matcher, a built-in's value is regex-quoted: a group id such as {@code edge.lab}
   * must match itself, not {@code edgeXlab}. Parameters stay regexes there on purpose, so that a
   * parameter may be an alternation such as {@code /mnt/(a|b)}.
   */
  private static Optional<String> replacement(
      QueryTemplate.Hole hole,
      TemplateAction p,
      PlaceholderScope scope,
      List<FieldProblem> problems) {
    String name = p.placeholder().orElseThrow();
    Optional<String> text = scope.text(name, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String v = text.get();
    return switch (hole.place()) {
      case STRING, REGEX -> {
        String literal =
            hole.place() == QueryTemplate.Place.REGEX && PlaceholderScope.isBuiltIn(name)
                ? Escaping.quoteRegex(v)
                : v;
        Optional<String> escaped = Escaping.inString(hole.quote(), literal);
        if (escaped.isEmpty()) {
          problems.add(
              valueProblem(
                  v,
                  name,
                  "contains a backtick and cannot be written inside a `raw` string; use double"
                      + " quotes"));
        }
        yield escaped;
      }
      case COMMENT -> {
        if (!Escaping.fitsInComment(v)) {
          problems.add(
              FieldProblem.error(
                  Code.PLACEHOLDER,
                  "value of placeholder '"
                      + name
                      + "' contains a line break, which would end the # comment it is in"));
          yield Optional.empty();
        }
        yield Optional.of(v);
      }
      case CODE -> {
        if (name.equals(PlaceholderScope.GROUP_SELECTOR)) {
          // aami writes this value itself: a whole matcher, which the parse below checks in place.
          yield Optional.of(v);
        }
        if (!Escaping.isBareToken(v)) {
          problems.add(
              valueProblem(
                  v,
                  name,
                  "would change the query's structure: outside a string literal a placeholder"
                      + " may only be a number, a duration or an identifier; quote the placeholder if"
                      + " it is a label value"));
          yield Optional.empty();
        }
        yield Optional.of(v);
      }
    };
  }

  /** A template action that would reach the query as text, named with its 1-based position. */
  private static FieldProblem placeholderProblem(TemplateAction action, String why) {
    return FieldProblem.error(
        Code.PLACEHOLDER,
        "'" + action.text() + "' at character " + (action.start() + 1) + " " + why);
  }

  /** A placeholder value of the wrong kind for where it stands in the query. */
  private static FieldProblem wrongKind(Substitution s, String why) {
    return valueProblem(s.value(), s.name(), why).at(s.templateStart());
  }

  /** A placeholder value that cannot stand where its placeholder does. */
  private static FieldProblem valueProblem(String value, String name, String why) {
    return FieldProblem.error(
        Code.PLACEHOLDER, "value '" + value + "' of placeholder '" + name + "' " + why);
  }
}
