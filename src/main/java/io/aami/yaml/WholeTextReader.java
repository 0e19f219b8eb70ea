package io.aami.yaml;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * snakeyaml's {@link StreamReader} over a text held whole. snakeyaml's own reader keeps a window
 * that starts at the token being scanned and copies it whole each time it reads 1,024 more
 * characters, so a token of n characters (a long plain or quoted scalar, a block scalar's line, a
 * comment) costs n²/1024 copies: a line of 8 million characters took 24 s. Here every character is
 * at hand and each call costs O(1) (a prefix, its length). What the scanner sees is what
 * snakeyaml's reader gives: the same code points, line and column counting, {@code '\0'} past the
 * end, the same {@link ReaderException} at the index of the first non-printable character.
 */
final class WholeTextReader extends StreamReader {
  private static final String NAME = "'reader'"; // what snakeyaml calls a Reader in its marks
  private static final int CHUNK = 1024;

  private final int[] codePoints;

  /** Index of the first character YAML does not allow, or the length when there is none. */
  private final int firstUnprintable;

  /** How far snakeyaml's reader would have read by now. */
  private int loaded;

  private int pointer;
  private int line;
  private int column;
  private int documentIndex;

  WholeTextReader(String text) {
    super(new StringReader(""));
    codePoints = text.codePoints().toArray();
    int unprintable = codePoints.length;
    for (int i = 0; i < codePoints.length; i++) {
      if (!isPrintable(codePoints[i])) {
        unprintable = i;
        break;
      }
    }
    firstUnprintable = unprintable;
  }

  /**
   * Whether the character {@code ahead} positions on exists. snakeyaml's reader reads 1,024
   * characters at a time and refuses a non-printable one as soon as it reads its chunk, before the
   * scanner gets there (so that error comes before a syntax error further up in the same chunk);
   * {@code loaded} follows those chunks to refuse it at the same moment.
   */
  private boolean has(int ahead) {
    int at = pointer + ahead;
    while (at >= loaded && loaded < codePoints.length) {
      loaded = Math.min(codePoints.length, loaded + CHUNK);
      if (firstUnprintable < loaded) {
        throw new ReaderException(
            NAME,
            firstUnprintable,
            codePoints[firstUnprintable],
            "special characters are not allowed");
      }
    }
    return at < codePoints.length;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, pointer, line, column, codePoints, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && has(0); i++) {
      int c = codePoints[pointer++];
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && has(0) && codePoints[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return has(0) ? codePoints[pointer] : 0;
  }

  @Override
  public int peek(int index) {
    return has(index) ? codePoints[pointer + index] : 0;
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    int available = has(length) ? length : Math.min(length, codePoints.length - pointer);
    return new String(codePoints, pointer, available);
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    pointer += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return pointer;
  }

  @Override
  public int getLine() {
    return line;
  }
}
