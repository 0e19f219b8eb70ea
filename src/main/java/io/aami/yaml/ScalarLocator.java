package io.aami.yaml;

import io.aami.diag.SourceLocation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Where character {@code i} of a YAML string's value was written in its file: the value of a
 * quoted, folded or block scalar differs from its source text (escapes, quotes, line folding,
 * indentation), so a character found in the value is mapped back by re-reading the scalar's source.
 * Every caller that points inside a scalar asks this one locator, so a problem lands at the same
 * column whichever check reports it. When the file's text is unknown, or the re-read does not
 * reproduce the value exactly, the scalar's start is used, never a wrong place.
 *
 * <p>Each file's {@link SourceIndex} is built once, on the first character located in it (linear in
 * its length); a scalar is re-read once per {@link #within} (linear in its length), so ten thousand
 * problems in one file cost ten thousand scalar lengths, not ten thousand file lengths. Safe to
 * share between threads.
 */
public final class ScalarLocator {
  private final Function<String, Optional<String>> fileTexts;
  private final Map<String, Optional<SourceIndex>> indexes = new ConcurrentHashMap<>();

  /** {@code fileTexts} gives a file's whole text by the name its nodes' locations carry. */
  public ScalarLocator(Function<String, Optional<String>> fileTexts) {
    this.fileTexts = fileTexts;
  }

  /**
   * Value character to file location for {@code node} of {@code file}: exact for a string scalar
   * whose file text is known, else {@code node}'s own location for every character. The scalar is
   * re-read on the first call.
   */
  public IntFunction<SourceLocation> within(String file, YNode node) {
    return new IntFunction<>() {
      private boolean read;
      private Mapped mapped;

      @Override
      public SourceLocation apply(int i) {
        if (!read) {
          read = true;
          mapped = map(file, node);
        }
        return mapped == null || mapped.map().length == 0
            ? node.location()
            : mapped.locate(file, i);
      }
    };
  }

  /** {@link #within} for one character. */
  public SourceLocation locate(String file, YNode node, int i) {
    return within(file, node).apply(i);
  }

  private Mapped map(String file, YNode node) {
    if (!(node instanceof YScalar scalar)) {
      return null;
    }
    Optional<SourceIndex> index =
        indexes.computeIfAbsent(file, f -> fileTexts.apply(f).map(SourceIndex::new));
    return index.map(i -> Mapped.of(i, scalar)).orElse(null);
  }

  /**
   * Line starts and code point offsets of one file, so that locating a character does not re-scan
   * the file from its start.
   */
  private static final class SourceIndex {
    private final String source;
    private final int[] lineStarts;

    /**
     * Char offset of each code point; null when the file has no surrogate pairs (they are equal).
     */
    private final int[] charOfCodePoint;

    private final int codePoints;

    SourceIndex(String source) {
      this.source = source;
      int lines = 1;
      for (int i = 0; i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          lines++;
        }
      }
      lineStarts = new int[lines];
      for (int i = 0, line = 1; i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          lineStarts[line++] = i + 1;
        }
      }
      codePoints = source.codePointCount(0, source.length());
      if (codePoints == source.length()) {
        charOfCodePoint = null;
      } else {
        charOfCodePoint = new int[codePoints + 1];
        for (int cp = 0, at = 0; cp <= codePoints; cp++) {
          charOfCodePoint[cp] = at;
          if (at < source.length()) {
            at += Character.charCount(source.codePointAt(at));
          }
        }
      }
    }

    int charOffset(int codePoint) {
      if (codePoint < 0 || codePoint > codePoints) {
        throw new IndexOutOfBoundsException(codePoint);
      }
      return charOfCodePoint == null ? codePoint : charOfCodePoint[codePoint];
    }

    /** 0-based index of the line holding char offset {@code at}. */
    int lineIndex(int at) {
      int found = java.util.Arrays.binarySearch(lineStarts, at);
      return found >= 0 ? found : -found - 2;
    }
  }

  /** One scalar's characters, mapped to their file offsets. */
  // The offset map is read, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  private record Mapped(SourceIndex index, int[] map) {
    /** The scalar re-read from its file, or null when the re-read does not give its value. */
    static Mapped of(SourceIndex index, YScalar scalar) {
      String source = index.source;
      try {
        int start = index.charOffset(scalar.startOffset());
        int end = index.charOffset(Math.min(scalar.endOffset(), index.codePoints));
        Decoded d = new Decoder(source, start, end).decode();
        String value = scalar.text();
        boolean block = start < end && (source.charAt(start) == '|' || source.charAt(start) == '>');
        boolean same = block ? d.text.startsWith(value) : d.text.equals(value);
        return same ? new Mapped(index, d.map) : null;
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** The file location of value character {@code i} (clamped to the value). */
    SourceLocation locate(String file, int i) {
      int at = map[Math.max(0, Math.min(i, map.length - 1))];
      int line = index.lineIndex(at);
      int lineStart = index.lineStarts[line];
      return new SourceLocation(file, line + 1, index.source.codePointCount(lineStart, at) + 1);
    }
  }

  // The offset map is read, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  private record Decoded(String text, int[] map) {}

  /** Re-reads one scalar's source, recording for each value char the source char it came from. */
  private static final class Decoder {
    private final String s;
    private final int start;
    private final int end;
    private final StringBuilder out = new StringBuilder();
    private int[] map = new int[16];

    Decoder(String s, int start, int end) {
      this.s = s;
      this.start = start;
      this.end = end;
    }

    Decoded decode() {
      char first = s.charAt(start);
      switch (first) {
        case '\'' -> flow(start + 1, '\'');
        case '"' -> flow(start + 1, '"');
        case '|', '>' -> block(first == '>');
        default -> flow(start, '\0');
      }
      return new Decoded(out.toString(), java.util.Arrays.copyOf(map, out.length()));
    }

    private void emit(char c, int from) {
      if (out.length() == map.length) {
        map = java.util.Arrays.copyOf(map, map.length * 2);
      }
      map[out.length()] = from;
      out.append(c);
    }

    /** Plain ({@code quote} 0), single- or double-quoted: escapes and line folding. */
    private void flow(int i, char quote) {
      int limit = quote == '\0' ? end : s.length();
      while (i < limit) {
        char c = s.charAt(i);
        if (quote != '\0' && c == quote) {
          if (quote == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
            emit('\'', i);
            i += 2;
            continue;
          }
          return;
        }
        if (c == '\r' || c == '\n') {
          i = fold(i);
          continue;
        }
        if (quote == '"' && c == '\\') {
          i = escape(i);
          continue;
        }
        emit(c, i);
        i++;
      }
    }

    /**
     * A line break in a flow scalar: trailing blanks dropped, one break a space, n+1 breaks n
     * newlines.
     */
    private int fold(int i) {
      int breakAt = i;
      while (out.length() > 0
          && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')
          && map[out.length() - 1] < breakAt
          && map[out.length() - 1] >= lineStart(breakAt)) {
        out.setLength(out.length() - 1);
      }
      int breaks = 0;
      while (i < s.length()
          && (s.charAt(i) == '\r'
              || s.charAt(i) == '\n'
              || s.charAt(i) == ' '
              || s.charAt(i) == '\t')) {
        if (s.charAt(i) == '\n') {
          breaks++;
        }
        i++;
      }
      if (breaks <= 1) {
        emit(' ', breakAt);
      } else {
        for (int k = 1; k < breaks; k++) {
          emit('\n', breakAt);
        }
      }
      return i;
    }

    private int lineStart(int i) {
      return s.lastIndexOf('\n', i - 1) + 1;
    }

    private int escape(int i) {
      char e = s.charAt(i + 1);
      String simple = "0abt\tnvfre \"/\\N_LP";
      String values = "\0\u0007\b\t\t\n\u000b\f\r\u001b \"/\\\u0085\u00a0\u2028\u2029";
      int k = simple.indexOf(e);
      if (k >= 0) {
        emit(values.charAt(k), i);
        return i + 2;
      }
      if (e == '\n' || e == '\r') {
        int j = i + 1;
        while (j < s.length()
            && (s.charAt(j) == '\r'
                || s.charAt(j) == '\n'
                || s.charAt(j) == ' '
                || s.charAt(j) == '\t')) {
          j++;
        }
        return j;
      }
      int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      int cp = Integer.parseInt(s.substring(i + 2, i + 2 + digits), 16);
      for (char c : Character.toChars(cp)) {
        emit(c, i);
      }
      return i + 2 + digits;
    }

    /** {@code |} and {@code >} scalars: indentation removed; {@code >} folds lines. */
    private void block(boolean folded) {
      int i = start + 1;
      int explicit = 0;
      while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '#') {
        if (Character.isDigit(s.charAt(i))) {
          explicit = s.charAt(i) - '0';
        }
        i++;
      }
      i = s.indexOf('\n', i) + 1;
      if (i <= 0) {
        return;
      }
      int indent = explicit > 0 ? explicit + parentIndent() : -1;
      boolean previousContent = false;
      boolean previousMore = false;
      int pendingBreak = -1;
      int emptyLines = 0;
      while (i < end) {
        int eol = s.indexOf('\n', i);
        if (eol < 0 || eol > end) {
          eol = end;
        }
        String line = s.substring(i, eol).replace("\r", "");
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
          lead++;
        }
        if (lead == line.length()) {
          emptyLines++;
          i = eol + 1;
          continue;
        }
        if (indent < 0) {
          indent = lead;
        }
        boolean more =
            lead > indent || (lead == indent && lead < line.length() && line.charAt(lead) == '\t');
        if (previousContent) {
          if (folded && !more && !previousMore && emptyLines == 0) {
            emit(' ', pendingBreak);
          } else {
            int count = folded && !more && !previousMore ? emptyLines : emptyLines + 1;
            for (int k = 0; k < count; k++) {
              emit('\n', pendingBreak);
            }
          }
        }
        for (int k = Math.min(indent, line.length()); k < line.length(); k++) {
          emit(line.charAt(k), i + k);
        }
        previousContent = true;
        previousMore = more;
        emptyLines = 0;
        pendingBreak = eol;
        i = eol + 1;
      }
      if (previousContent) {
        emit('\n', pendingBreak);
      }
    }

    /** Indentation of the line holding the block indicator (the parent node's column). */
    private int parentIndent() {
      int ls = lineStart(start);
      int k = ls;
      while (k < start && s.charAt(k) == ' ') {
        k++;
      }
      return k - ls;
    }
  }
}
