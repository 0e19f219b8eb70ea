package io.aami.metrics;

import io.aami.diag.SourceLocation;
import io.aami.yaml.ScalarLocator;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.Optional;

/**
 * Where a metric or label name is written inside a YAML scalar, so a warning about it points at the
 * name rather than at the start of the query: the first whole-word occurrence in the scalar's
 * value, placed by the {@link ScalarLocator} every in-scalar location goes through (a name that
 * only a placeholder produced is not found: the caller falls back to the scalar). Linear in the
 * value.
 */
public final class WordInScalar {
  private WordInScalar() {}

  public static Optional<SourceLocation> find(
      ScalarLocator locator, String file, YNode node, String word) {
    if (!(node instanceof YScalar scalar) || word.isEmpty()) {
      return Optional.empty();
    }
    String value = scalar.text();
    for (int at = value.indexOf(word); at >= 0; at = value.indexOf(word, at + 1)) {
      if (bounded(value, at, word.length())) {
        return Optional.of(locator.locate(file, node, at));
      }
    }
    return Optional.empty();
  }

  private static boolean bounded(String text, int at, int length) {
    return (at == 0 || !isNameChar(text.charAt(at - 1)))
        && (at + length == text.length() || !isNameChar(text.charAt(at + length)));
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
