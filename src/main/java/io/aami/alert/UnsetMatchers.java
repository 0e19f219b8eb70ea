package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Suggestions;
import io.aami.promql.QueryTemplate;
import io.aami.promql.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2 of {@link QueryExpander}: a label matcher whose quoted value is exactly one placeholder
 * without a value ({@code path="{{ .mount_path }}"} with no {@code mount_path}) is removed together
 * with its separating comma; a selector left empty loses its braces, and one without a metric name
 * is an error.
 *
 * <p>The template is read once as a query with holes ({@link QueryTemplate}). Matchers are removed
 * from left to right, each with the comma after it when one follows, else with the comma before it;
 * so the last of a run of removed matchers takes the comma before the run. The removed ranges are
 * then cut in one pass: linear in the template's length, however many matchers go.
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
    List<Span> cuts = new ArrayList<>();
    for (QueryTemplate.Selector selector :
        QueryTemplate.read(template, TemplateAction.placeholders()).selectors()) {
      int removedHere = 0;
      String lastMatcher = null;
      QueryTemplate.HoleMatcher runStart = null;
      Span previousCut = null;
      for (QueryTemplate.HoleMatcher m : selector.holeMatchers()) {
        String name = placeholder(template, m);
        if (scope.value(name).isPresent()) {
          continue;
        }
        String matcher = template.substring(m.matcher().start(), m.matcher().end());
        removed.add(matcher);
        warnIfMistyped(name, matcher, scope, problems);
        boolean continuesRun = previousCut != null && previousCut.end() == m.matcher().start();
        runStart = continuesRun ? runStart : m;
        Span cut;
        if (m.throughComma() >= 0) {
          cut = new Span(m.matcher().start(), m.throughComma());
        } else if (runStart.fromComma() >= 0) {
          cut = new Span(runStart.fromComma(), m.matcher().end());
        } else {
          cut = m.matcher();
        }
        cuts.add(cut);
        previousCut = cut;
        removedHere++;
        lastMatcher = matcher;
      }
      boolean emptied =
          selector.close() >= 0
              && removedHere > 0
              && removedHere == selector.holeMatchers().size()
              && covered(selector.others(), cuts.subList(cuts.size() - removedHere, cuts.size()));
      if (emptied && selector.nameEnd() >= 0) {
        cuts.add(new Span(selector.nameEnd(), selector.close()));
      } else if (emptied) {
        problems.add(
            FieldProblem.error(
                Code.PLACEHOLDER,
                "removing '"
                    + lastMatcher
                    + "' (its placeholder"
                    + " has no value) leaves a selector with no metric name and no matchers"));
        return null;
      }
    }
    return cut(template, cuts, edits);
  }

  /** True when every span of {@code spans} (in order) lies inside the union of {@code cuts}. */
  private static boolean covered(List<Span> spans, List<Span> cuts) {
    List<Span> union = union(cuts);
    int c = 0;
    for (Span s : spans) {
      while (c < union.size() && union.get(c).end() < s.end()) {
        c++;
      }
      if (c == union.size() || union.get(c).start() > s.start()) {
        return false;
      }
    }
    return true;
  }

  /** {@code spans} sorted by start, overlapping or touching ones joined. */
  private static List<Span> union(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(java.util.Comparator.comparingInt(Span::start));
    List<Span> merged = new ArrayList<>();
    for (Span s : sorted) {
      Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && s.start() <= last.end()) {
        merged.set(merged.size() - 1, last.to(s));
      } else {
        merged.add(s);
      }
    }
    return merged;
  }

  private static String placeholder(String template, QueryTemplate.HoleMatcher m) {
    return TemplateAction.placeholderAt(template, m.hole().start())
        .flatMap(TemplateAction::placeholder)
        .orElseThrow();
  }

  private static void warnIfMistyped(
      String name, String matcher, PlaceholderScope scope, List<FieldProblem> problems) {
    if (scope.isKnown(name)) {
      return;
    }
    Suggestions.closest(name, scope.known())
        .ifPresent(
            close ->
                problems.add(
                    FieldProblem.warning(
                        Code.PLACEHOLDER,
                        "placeholder '"
                            + name
                            + "' has no value, so the matcher '"
                            + matcher
                            + "' is removed; did you mean '"
                            + close
                            + "'?")));
  }

  /**
   * {@code text} without the union of {@code cuts} (in template offsets, in order of their starts
   * within each selector), recorded in {@code edits} from right to left so each is in the
   * coordinates of the text before it.
   */
  private static String cut(String text, List<Span> cuts, OffsetMap edits) {
    if (cuts.isEmpty()) {
      return text;
    }
    List<Span> merged = union(cuts);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (Span s : merged) {
      out.append(text, copied, s.start());
      copied = s.end();
    }
    out.append(text, copied, text.length());
    for (int i = merged.size() - 1; i >= 0; i--) {
      Span s = merged.get(i);
      edits.replace(s.start(), s.end() - s.start(), 0);
    }
    return out.toString();
  }
}
