package io.aami.report;

/** The escaping of text written into HTML and XML reports, in one place. */
final class Markup {
  private Markup() {}

  /** Text inside an HTML element: the characters that could open a tag or an entity are escaped. */
  static String text(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Text inside a double-quoted HTML attribute (and element text where quotes are escaped too). */
  static String attribute(String s) {
    return text(s).replace("\"", "&quot;");
  }

  /**
   * Text in an XML document, element or attribute: XML specials escaped, and characters XML 1.0
   * cannot carry dropped. Line breaks and tabs become character references because a parser turns
   * literal ones in attributes into spaces.
   */
  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                  boolean allowed =
                      (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                  if (allowed) {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
