package io.aami.schema;

import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** JSON Pointers (RFC 6901): building, escaping and a stable document order. */
final class JsonPointers {
  /**
   * Token by token, array indexes numerically, so {@code /items/2} sorts before {@code /items/10}.
   */
  static final Comparator<String> DOCUMENT_ORDER = JsonPointers::compare;

  private JsonPointers() {}

  static String of(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return pointer.toString();
  }

  static String child(String parent, String name) {
    return parent + "/" + escape(name);
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  /** The last token, unescaped; empty for the root pointer. */
  static String lastToken(String pointer) {
    return unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
  }

  static List<String> tokens(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer.isEmpty()) {
      return tokens;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(unescape(raw));
    }
    return tokens;
  }

  private static int compare(String a, String b) {
    List<String> left = tokens(a);
    List<String> right = tokens(b);
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      int order = compareTokens(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  private static int compareTokens(String a, String b) {
    boolean aIndex = isIndex(a);
    boolean bIndex = isIndex(b);
    if (aIndex && bIndex) {
      int byLength = Integer.compare(a.length(), b.length());
      return byLength != 0 ? byLength : a.compareTo(b);
    }
    return a.compareTo(b);
  }

  private static boolean isIndex(String token) {
    if (token.isEmpty() || (token.length() > 1 && token.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
