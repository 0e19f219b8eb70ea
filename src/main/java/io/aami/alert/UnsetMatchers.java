package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Suggestions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Step 2 of {@link QueryExpander}: a label matcher whose quoted value is exactly one placeholder
 * without a value ({@code path="{{ .mount_path }}"} with no {@code mount_path}) is removed together
 * with its separating comma; a selector left empty loses its braces, and one without a metric name
 * is an error.
 */
final class UnsetMatchers {
  private UnsetMatchers() {}

  /**
   * {@code template} without the matchers whose value is a lone placeholder that has no value (each
   * added to {@code removed}), or null when a removal leaves a selector with nothing in it.
   */
  static String remove(
      String template,
      PlaceholderScope scope,
      List<String> removed,
      List<FieldProblem> problems,
      OffsetMap edits) {
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
        Suggestions.closest(name, scope.known())
            .ifPresent(
                close ->
                    problems.add(
                        FieldProblem.warning(
                            Code.PLACEHOLDER,
                            "placeholder '"
                                + name
                                + "' has no value, so the matcher '"
                                + r.matcher()
                                + "' is removed; did you mean '"
                                + close
                                + "'?")));
      }
      text = text.substring(0, r.start()) + text.substring(r.end());
      edits.replace(r.start(), r.end() - r.start(), 0);
      text = dropEmptySelector(text, r.braceStart(), r.matcher(), problems, edits);
      if (text == null) {
        return null;
      }
    }
  }

  private record Removal(int start, int end, int braceStart, String matcher, String placeholder) {}

  private static Optional<Removal> findRemovable(
      String text, List<PromqlToken> t, PlaceholderScope scope) {
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
        default -> {}
      }
      if (!token.is(PromqlToken.Type.STRING)
          || i < 3
          || open.isEmpty()
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

  private static String dropEmptySelector(
      String text, int braceStart, String matcher, List<FieldProblem> problems, OffsetMap edits) {
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
        edits.replace(tokens.get(i - 1).end(), close.end() - tokens.get(i - 1).end(), 0);
        return text.substring(0, tokens.get(i - 1).end()) + text.substring(close.end());
      }
      problems.add(
          FieldProblem.error(
              Code.PLACEHOLDER,
              "removing '"
                  + matcher
                  + "' (its placeholder"
                  + " has no value) leaves a selector with no metric name and no matchers"));
      return null;
    }
    return text;
  }
}
