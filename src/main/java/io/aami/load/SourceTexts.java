package io.aami.load;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The text of loaded files, so reports can quote the line a diagnostic points at. */
public final class SourceTexts {
  private final Map<String, String> texts = new TreeMap<>();

  public void put(String file, String text) {
    texts.put(file, text);
  }

  /** Line {@code line} (1-based) of {@code file}, without its line terminator. */
  public Optional<String> line(String file, int line) {
    String text = texts.get(file);
    if (text == null || line < 1) {
      return Optional.empty();
    }
    int start = 0;
    for (int n = 1; n < line; n++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return Optional.empty();
      }
      start = nl + 1;
    }
    int end = text.indexOf('\n', start);
    String result = end < 0 ? text.substring(start) : text.substring(start, end);
    return Optional.of(result.endsWith("\r") ? result.substring(0, result.length() - 1) : result);
  }

  /** Every file whose text is known, sorted. */
  public java.util.Set<String> files() {
    return java.util.Collections.unmodifiableSet(texts.keySet());
  }

  public static SourceTexts none() {
    return new SourceTexts();
  }
}
