package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@code query_template} into the PromQL {@code expr} of one rule.
 *
 * <ol>
 *   <li>Any {@code {{ ... }}} action that is not an aami placeholder is an error: Prometheus does
 *       not template {@code expr}, so {@code {{ $labels.x }}} there is always a mistake.
 *   <li>A label matcher whose quoted value is exactly one placeholder without a value
 *       ({@code path="{{ .mount_path }}"} with no {@code mount_path}) is removed together with
 *       its separating comma; a selector left empty loses its braces ({@code mount_check{}} becomes
 *       {@code mount_check}), and one without a metric name is an error ({@link UnsetMatchers}).
 *   <li>Every other placeholder is replaced, escaped for its context ({@link PromqlLiterals});
 *       one without a value is an error. A built-in ({@code group_id}, ...) in the regex of a
 *       {@code =~}/{@code !~} matcher is regex-quoted first, so that it matches only itself.
 *   <li>The result passes a structural check ({@link PromqlSanity}).
 * </ol>
 */
public final class QueryExpander {
  /** The expanded query (null when an error prevents it), the removed matchers, and problems. */
  public record Result(String expr, List<String> removedMatchers, List<FieldProblem> problems) {}

  private QueryExpander() {}

  /** Problems of the template text alone, whatever the values: actions that are not placeholders. */
  public static List<FieldProblem> lint(String template) {
    List<FieldProblem> problems = new ArrayList<>();
    for (TemplateAction action : TemplateAction.scan(template)) {
      if (!action.isPlaceholder()) {
        problems.add(FieldProblem.error(Code.PLACEHOLDER, "'" + action.text() + "' at character "
            + (action.start() + 1) + " is not an aami placeholder {{ .name }}; Prometheus does not"
            + " expand templates in expr, so it would reach the query as text"));
      }
    }
    return problems;
  }

  public static Result expand(String template, PlaceholderScope scope) {
    List<FieldProblem> problems = new ArrayList<>(lint(template));
    List<String> removed = new ArrayList<>();
    String text = UnsetMatchers.remove(template, scope, removed, problems);
    if (text == null || hasErrors(problems)) {
      return new Result(null, removed, problems);
    }
    String expr = substitute(text, scope, problems);
    if (expr == null) {
      return new Result(null, removed, problems);
    }
    for (String problem : PromqlSanity.check(expr)) {
      problems.add(FieldProblem.error(Code.PROMQL, "expanded expr '" + expr + "': " + problem));
    }
    return new Result(hasErrors(problems) ? null : expr, removed, problems);
  }

  private static boolean hasErrors(List<FieldProblem> problems) {
    return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  private static String substitute(String text, PlaceholderScope scope, List<FieldProblem> problems) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    int copied = 0;
    boolean failed = false;
    PromqlToken previous = null;
    Set<Integer> seen = new HashSet<>();
    for (PromqlToken token : PromqlLexer.tokenize(text)) {
      boolean regex = token.is(PromqlToken.Type.STRING) && previous != null
          && previous.isRegexMatchOperator();
      for (TemplateAction p : token.inner()) {
        seen.add(p.start());
        Optional<String> replacement = replacement(token, regex, p, scope, problems);
        if (replacement.isEmpty()) {
          failed = true;
          continue;
        }
        out.append(text, copied, p.start()).append(replacement.get());
        copied = p.end();
      }
      if (!token.is(PromqlToken.Type.COMMENT)) {
        previous = token;
      }
    }
    out.append(text, copied, text.length());
    // The lexer skips the character after a backslash in a quoted literal, so "\{{ .x }}" hides a
    // placeholder from it; left alone, it would reach the query unexpanded.
    for (TemplateAction action : TemplateAction.scan(text)) {
      if (action.isPlaceholder() && !seen.contains(action.start())) {
        problems.add(FieldProblem.error(Code.PLACEHOLDER, "'" + action.text() + "' at character "
            + (action.start() + 1) + " is escaped by the backslash before it and would reach the"
            + " query as text; remove the backslash"));
        failed = true;
      }
    }
    return failed ? null : out.toString();
  }

  /**
   * The value of placeholder {@code p} written for its context. In the regex of a {@code =~} or
   * {@code !~} matcher, a built-in's value is regex-quoted: a group id such as {@code edge.lab}
   * must match itself, not {@code edgeXlab}. Parameters stay regexes there on purpose, so that a
   * parameter may be an alternation such as {@code /mnt/(a|b)}.
   */
  private static Optional<String> replacement(PromqlToken token, boolean inRegexMatcher,
      TemplateAction p, PlaceholderScope scope, List<FieldProblem> problems) {
    String name = p.placeholder().orElseThrow();
    Optional<String> text = scope.text(name, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String v = text.get();
    return switch (token.type()) {
      case STRING -> {
        String literal = inRegexMatcher && PlaceholderScope.isBuiltIn(name) ? PromqlLiterals.quoteRegex(v) : v;
        Optional<String> escaped = PromqlLiterals.inString(token.quote(), literal);
        if (escaped.isEmpty()) {
          problems.add(FieldProblem.error(Code.PLACEHOLDER, "value '" + v + "' of placeholder '" + name
              + "' contains a backtick and cannot be written inside a `raw` string; use double quotes"));
        }
        yield escaped;
      }
      case COMMENT -> {
        if (!PromqlLiterals.isSafeInComment(v)) {
          problems.add(FieldProblem.error(Code.PLACEHOLDER, "value of placeholder '" + name
              + "' contains a line break, which would end the # comment it is in"));
          yield Optional.empty();
        }
        yield Optional.of(v);
      }
      default -> {
        if (!PromqlLiterals.isSafeBareToken(v)) {
          problems.add(FieldProblem.error(Code.PLACEHOLDER, "value '" + v + "' of placeholder '" + name
              + "' would change the query's structure: outside a string literal a placeholder may only"
              + " be a number, a duration or an identifier; quote the placeholder if it is a label value"));
          yield Optional.empty();
        }
        yield Optional.of(v);
      }
    };
  }
}
