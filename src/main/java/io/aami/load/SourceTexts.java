package io.aami.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The text of loaded files, so reports can quote the line a diagnostic points at. */
public final class SourceTexts {
  private final Map<String, String> texts = new TreeMap<>();

  /**
   * Offsets of each line's first character, per file, built on first use: a report quotes many
   * lines of one file.
   */
  private final Map<String, int[]> lineStarts =
      new ConcurrentHashMap<>(); // checks run on several threads

  public void put(String file, String text) {
    texts.put(file, text);
    lineStarts.remove(file);
  }

  /** The whole text of {@code file}, if loaded. */
  public Optional<String> text(String file) {
    return Optional.ofNullable(texts.get(file));
  }

  /** Line {@code line} (1-based) of {@code file}, without its line terminator. */
  public Optional<String> line(String file, int line) {
    String text = texts.get(file);
    if (text == null || line < 1) {
      return Optional.empty();
    }
    int[] starts = lineStarts.computeIfAbsent(file, f -> lineStartsOf(text));
    if (line > starts.length) {
      return Optional.empty();
    }
    int start = starts[line - 1];
    int end = line < starts.length ? starts[line] - 1 : text.length();
    String result = text.substring(start, end);
    return Optional.of(result.endsWith("\r") ? result.substring(0, result.length() - 1) : result);
  }

  private static int[] lineStartsOf(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      starts.add(nl + 1);
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Every file whose text is known, sorted. */
  public Set<String> files() {
    return Collections.unmodifiableSet(texts.keySet());
  }
}
