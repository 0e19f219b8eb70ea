package io.aami.edit;

import io.aami.yaml.YNode;

/**
 * A file's text with the position arithmetic in-place edits need. snakeyaml counts offsets in code
 * points while Java strings index UTF-16 units; the two differ only after a character outside the
 * BMP, so the mapping table is built only for texts that have one.
 */
final class SourceText {
  final String text;
  final String newline;
  private final int[] charOfCodePoint;

  SourceText(String text) {
    this.text = text;
    this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    this.charOfCodePoint = hasSurrogates(text) ? table(text) : null;
  }

  private static boolean hasSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int[] table(String text) {
    int[] table = new int[text.codePointCount(0, text.length()) + 1];
    int cp = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      table[cp++] = i;
    }
    table[cp] = text.length();
    return table;
  }

  int start(YNode node) {
    return toChar(node.startOffset());
  }

  int end(YNode node) {
    return toChar(node.endOffset());
  }

  private int toChar(int codePointOffset) {
    return charOfCodePoint == null ? codePointOffset : charOfCodePoint[codePointOffset];
  }

  int lineStart(int pos) {
    return text.lastIndexOf('\n', pos - 1) + 1;
  }

  /**
   * The position after the newline ending the line of {@code pos}; {@code pos} if it starts a line.
   */
  int lineEndAfter(int pos) {
    if (pos > 0 && text.charAt(pos - 1) == '\n') {
      return pos;
    }
    int nl = text.indexOf('\n', pos);
    return nl < 0 ? text.length() : nl + 1;
  }

  boolean atLineStart(int pos) {
    return pos == 0 || text.charAt(pos - 1) == '\n';
  }

  /** Whether only spaces precede {@code pos} on its line. */
  boolean onlyIndentBefore(int pos) {
    return text.substring(lineStart(pos), pos).isBlank();
  }

  /** Whether only spaces, and maybe a comment, follow {@code pos} on its line. */
  boolean onlyCommentAfter(int pos) {
    int nl = text.indexOf('\n', pos);
    String rest = text.substring(pos, nl < 0 ? text.length() : nl).strip();
    return rest.isEmpty() || rest.startsWith("#");
  }

  boolean atLineEnd(int pos) {
    return pos >= text.length() || text.charAt(pos) == '\n' || text.startsWith("\r\n", pos);
  }

  int column(int pos) {
    return pos - lineStart(pos);
  }

  char charAt(int pos) {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }
}
