package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Suggestions;
import io.aami.promql.QueryTemplate;
import java.util.List;
import java.util.Optional;

/**
 * Step 2 of {@link QueryExpander}: a label matcher whose quoted value is exactly one placeholder
 * without a value ({@code path="{{ .mount_path }}"} with no {@code mount_path}) is removed together
 * with its separating comma; a selector left empty loses its braces, and one without a metric name
 * is an error. The template is read as a query with holes ({@link QueryTemplate}) after each
 * removal; a template has few such matchers.
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
      Optional<Removal> removal = findRemovable(text, scope);
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

  /** The first matcher whose value is a lone placeholder without a value. */
  private static Optional<Removal> findRemovable(String text, PlaceholderScope scope) {
    for (QueryTemplate.Selector selector :
        QueryTemplate.read(text, TemplateAction.PLACEHOLDERS).selectors()) {
      for (QueryTemplate.HoleMatcher m : selector.holeMatchers()) {
        String name =
            TemplateAction.placeholderAt(text, m.hole().start())
                .flatMap(TemplateAction::placeholder)
                .orElseThrow();
        if (scope.value(name).isEmpty()) {
          return Optional.of(
              new Removal(
                  m.removal().start(),
                  m.removal().end(),
                  selector.open(),
                  text.substring(m.matcher().start(), m.matcher().end()),
                  name));
        }
      }
    }
    return Optional.empty();
  }

  /** Removes the braces of the selector at {@code braceStart} when nothing is left in them. */
  private static String dropEmptySelector(
      String text, int braceStart, String matcher, List<FieldProblem> problems, OffsetMap edits) {
    for (QueryTemplate.Selector s :
        QueryTemplate.read(text, TemplateAction.PLACEHOLDERS).selectors()) {
      if (s.open() != braceStart || !s.empty()) {
        continue;
      }
      if (s.nameEnd() >= 0) {
        edits.replace(s.nameEnd(), s.close() - s.nameEnd(), 0);
        return text.substring(0, s.nameEnd()) + text.substring(s.close());
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
