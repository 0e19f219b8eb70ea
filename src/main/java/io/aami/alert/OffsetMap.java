package io.aami.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps an offset in an expanded query back to the query template it came from, through the edits
 * expansion made (removed matchers, substituted placeholders) in the order it made them. An offset
 * inside a substituted value maps to the placeholder's first character.
 */
final class OffsetMap {
  /** {start, oldLength, newLength}, each in the coordinates of the text before that edit. */
  private final List<int[]> edits = new ArrayList<>();

  void replace(int start, int oldLength, int newLength) {
    edits.add(new int[] {start, oldLength, newLength});
  }

  int toTemplate(int offset) {
    for (int i = edits.size() - 1; i >= 0; i--) {
      int[] e = edits.get(i);
      if (offset >= e[0] + e[2]) {
        offset += e[1] - e[2];
      } else if (offset >= e[0]) {
        offset = e[0];
      }
    }
    return offset;
  }
}
