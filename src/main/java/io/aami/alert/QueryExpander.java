package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import io.aami.diag.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *       {@code mount_check}), and one without a metric name is an error.
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
    String text = removeMatchersWithoutValue(template, scope, removed, problems);
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

  private static String removeMatchersWithoutValue(String template, PlaceholderScope scope,
      List<String> removed, List<FieldProblem> problems) {
    String text = template;
    while (true) {
      List<PromqlToken> tokens = PromqlLexer.structuralTokens(text);
      Optional<Removal> removal = findRemovable(text, tokens, scope);
      if (removal.isEmpty()) {
        return text;
      }
      Removal r = removal.get();
      removed.add(r.matcher());
      String name = r.placeholder();
      if (!scope.isKnown(name)) {
        Suggestions.closest(name, scope.known()).ifPresent(close -> problems.add(FieldProblem.warning(
            Code.PLACEHOLDER, "placeholder '" + name + "' has no value, so the matcher '" + r.matcher()
                + "' is removed; did you mean '" + close + "'?")));
      }
      text = text.substring(0, r.start()) + text.substring(r.end());
      text = dropEmptySelector(text, r.braceStart(), r.matcher(), problems);
      if (text == null) {
        return null;
      }
    }
  }

  private record Removal(int start, int end, int braceStart, String matcher, String placeholder) {}

  private static Optional<Removal> findRemovable(String text, List<PromqlToken> t, PlaceholderScope scope) {
    Deque<PromqlToken> open = new ArrayDeque<>();
    for (int i = 0; i < t.size(); i++) {
      PromqlToken token = t.get(i);
      switch (token.type()) {
        case LEFT_BRACE, LEFT_PAREN, LEFT_BRACKET -> open.push(token);
        case RIGHT_BRACE, RIGHT_PAREN, RIGHT_BRACKET -> {
          if (!open.isEmpty()) {
            open.pop();
          }
        }
        default -> { }
      }
      if (!token.is(PromqlToken.Type.STRING) || i < 3 || open.isEmpty()
          || !open.peek().is(PromqlToken.Type.LEFT_BRACE)) {
        continue;
      }
      Optional<String> name = lonePlaceholder(token);
      if (name.isEmpty() || scope.value(name.get()).isPresent()) {
        continue;
      }
      PromqlToken operator = t.get(i - 1);
      PromqlToken label = t.get(i - 2);
      PromqlToken before = t.get(i - 3);
      if (!operator.isMatchOperator()
          || !label.is(PromqlToken.Type.IDENTIFIER)
          || !(before.is(PromqlToken.Type.LEFT_BRACE) || before.is(PromqlToken.Type.COMMA))) {
        continue;
      }
      String matcher = text.substring(label.start(), token.end());
      PromqlToken after = i + 1 < t.size() ? t.get(i + 1) : null;
      int start;
      int end;
      if (after != null && after.is(PromqlToken.Type.COMMA)) {
        start = label.start();
        end = i + 2 < t.size() ? t.get(i + 2).start() : after.end();
      } else if (before.is(PromqlToken.Type.COMMA)) {
        start = t.get(i - 4).end();
        end = token.end();
      } else {
        start = label.start();
        end = token.end();
      }
      return Optional.of(new Removal(start, end, open.peek().start(), matcher, name.get()));
    }
    return Optional.empty();
  }

  /** The placeholder name when a string literal's whole content is one aami placeholder. */
  private static Optional<String> lonePlaceholder(PromqlToken string) {
    if (!string.terminated() || string.inner().size() != 1) {
      return Optional.empty();
    }
    TemplateAction p = string.inner().get(0);
    boolean whole = p.start() == string.start() + 1 && p.end() == string.end() - 1;
    return whole ? p.placeholder() : Optional.empty();
  }

  private static String dropEmptySelector(String text, int braceStart, String matcher,
      List<FieldProblem> problems) {
    List<PromqlToken> tokens = PromqlLexer.structuralTokens(text);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      PromqlToken brace = tokens.get(i);
      if (brace.start() != braceStart || !brace.is(PromqlToken.Type.LEFT_BRACE)) {
        continue;
      }
      PromqlToken close = tokens.get(i + 1);
      if (!close.is(PromqlToken.Type.RIGHT_BRACE)) {
        return text;
      }
      if (i > 0 && tokens.get(i - 1).is(PromqlToken.Type.IDENTIFIER)) {
        return text.substring(0, tokens.get(i - 1).end()) + text.substring(close.end());
      }
      problems.add(FieldProblem.error(Code.PLACEHOLDER, "removing '" + matcher + "' (its placeholder"
          + " has no value) leaves a selector with no metric name and no matchers"));
      return null;
    }
    return text;
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
