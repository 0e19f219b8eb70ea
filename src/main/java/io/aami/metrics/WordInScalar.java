package io.aami.metrics;

import io.aami.diag.SourceLocation;
import io.aami.load.SourceTexts;
import io.aami.yaml.YNode;
import java.util.Optional;

/**
 * Where a metric or label name is written inside a YAML scalar, so a warning about it points at the
 * name rather than at the start of the query. Names hold only {@code [a-zA-Z0-9_:]}, which no YAML
 * quoting style escapes or folds, so the first whole-word occurrence in the scalar's source lines
 * is where it stands (a name that only a placeholder produced is not found: the caller falls back
 * to the scalar). Reads only the scalar's own lines.
 */
public final class WordInScalar {
  private WordInScalar() {}

  public static Optional<SourceLocation> find(SourceTexts texts, YNode scalar, String word) {
    SourceLocation start = scalar.location();
    int budget = scalar.endOffset() - scalar.startOffset();
    int column = start.column();
    for (int line = start.line(); budget > 0; line++) {
      Optional<String> text = texts.line(start.file(), line);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String l = text.get();
      int from =
          Math.min(
              l.length(),
              l.offsetByCodePoints(0, Math.min(column - 1, l.codePointCount(0, l.length()))));
      for (int at = l.indexOf(word, from); at >= 0; at = l.indexOf(word, at + 1)) {
        if (bounded(l, at, word.length())) {
          return Optional.of(new SourceLocation(start.file(), line, l.codePointCount(0, at) + 1));
        }
      }
      budget -= l.length() - from + 1;
      column = 1;
    }
    return Optional.empty();
  }

  private static boolean bounded(String line, int at, int length) {
    return (at == 0 || !isNameChar(line.charAt(at - 1)))
        && (at + length == line.length() || !isNameChar(line.charAt(at + length)));
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }
}
