package io.aami.report;

/**
 * Text from repository files made safe and aligned for a terminal. Places a caret under a column of
 * a quoted source line as a terminal shows it. Diagnostic columns count code points (as snakeyaml's
 * marks do), but a terminal gives CJK characters and most emoji two cells and combining marks none,
 * so counting either chars or code points would put the caret too far left under Korean text.
 */
final class TerminalText {
  private static final char REPLACEMENT = '\uFFFD';

  /** Code points of context kept on each side of the column when a quoted line is too long. */
  static final int CONTEXT = 60;

  private static final String ELLIPSIS = "...";

  /** Start and end (inclusive) of the code point ranges a terminal draws two cells wide. */
  private static final int[][] WIDE = {
    {0x1100, 0x115F},
    {0x231A, 0x231B},
    {0x2329, 0x232A},
    {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},
    {0x2614, 0x2615},
    {0x2648, 0x2653},
    {0x267F, 0x267F},
    {0x2693, 0x2693},
    {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},
    {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},
    {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},
    {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},
    {0x2705, 0x2705},
    {0x270A, 0x270B},
    {0x2728, 0x2728},
    {0x274C, 0x274C},
    {0x274E, 0x274E},
    {0x2753, 0x2755},
    {0x2757, 0x2757},
    {0x2795, 0x2797},
    {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},
    {0x2B55, 0x2B55},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x16FE0, 0x18AFF},
    {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A},
    {0x1F200, 0x1F2FF},
    {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F9FF},
    {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
  };

  private TerminalText() {}

  /**
   * The line with control characters (other than tab) replaced by U+FFFD: a raw escape sequence
   * from a repository file must not reach the reader's terminal, and a visible stand-in keeps one
   * cell per code point so the caret still lines up.
   */
  static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    line.codePoints()
        .forEach(
            c -> {
              if (c != '\t' && Character.isISOControl(c)) {
                out.append(REPLACEMENT);
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /** A line to quote and the (1-based, code point) column of the caret in it. */
  record Excerpt(String line, int column) {}

  /**
   * The part of {@code line} around {@code column}: a YAML file written as one long JSON line would
   * otherwise be printed whole for each of its problems.
   */
  static Excerpt around(String line, int column) {
    int length = line.codePointCount(0, line.length());
    if (length <= 2 * CONTEXT + ELLIPSIS.length() * 2) {
      return new Excerpt(line, column);
    }
    int from = Math.max(0, column - 1 - CONTEXT);
    int to = Math.min(length, column - 1 + CONTEXT);
    String prefix = from > 0 ? ELLIPSIS : "";
    String suffix = to < length ? ELLIPSIS : "";
    String middle =
        line.substring(line.offsetByCodePoints(0, from), line.offsetByCodePoints(0, to));
    return new Excerpt(prefix + middle + suffix, column - from + prefix.length());
  }

  /**
   * {@code text} with control characters written as escapes ({@code \n}, {@code \u001B}): a message
   * quoting a YAML value must stay one line and must not drive the terminal.
   */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /**
   * Blanks that move the cursor from the start of {@code line} to its code point {@code column}
   * (1-based): tabs are kept so they expand to the same tab stops as in the quoted line.
   */
  static String caretIndent(String line, int column) {
    StringBuilder indent = new StringBuilder();
    int offset = 0;
    for (int seen = 1; seen < column && offset < line.length(); seen++) {
      int c = line.codePointAt(offset);
      offset += Character.charCount(c);
      if (c == '\t') {
        indent.append('\t');
      } else {
        indent.append(" ".repeat(cells(c)));
      }
    }
    return indent.toString();
  }

  /**
   * Terminal cells of one code point: 0 for combining marks and format characters, 2 for wide ones.
   */
  static int cells(int c) {
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || (c >= 0x1160 && c <= 0x11FF)) {
      return 0;
    }
    return isWide(c) ? 2 : 1;
  }

  private static boolean isWide(int c) {
    int low = 0;
    int high = WIDE.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (c < WIDE[mid][0]) {
        high = mid - 1;
      } else if (c > WIDE[mid][1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
