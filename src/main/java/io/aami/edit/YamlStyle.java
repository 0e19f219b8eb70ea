package io.aami.edit;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes plain values (String, Long, BigInteger, Double, Boolean, null, List, Map) as YAML text
 * that reads back as the same value under YAML 1.1, the dialect aami's reader speaks. A string is
 * written plain only when nothing would retype it ({@code yes}, {@code 1.0}, {@code ~}) or end it
 * early ({@code : }, {@code #}); otherwise it is quoted, and multi-line text in block context
 * becomes a literal block.
 */
public final class YamlStyle {
  /** Characters that cannot start a plain scalar. */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private static final String FLOW_INDICATORS = ",[]{}";
  private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*$");

  private YamlStyle() {}

  /** How an existing scalar was written, read from its first character. */
  public enum ScalarStyle {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL,
    FOLDED;

    static ScalarStyle at(String text, int offset) {
      if (offset >= text.length()) {
        return PLAIN;
      }
      return switch (text.charAt(offset)) {
        case '\'' -> SINGLE_QUOTED;
        case '"' -> DOUBLE_QUOTED;
        case '|' -> LITERAL;
        case '>' -> FOLDED;
        default -> PLAIN;
      };
    }
  }

  /** A scalar on one line, plain when that round-trips, else double-quoted. */
  public static String scalar(Object value) {
    return scalar(value, false);
  }

  /** A scalar on one line in the style of the one it replaces, when that style can hold it. */
  static String scalarLike(Object value, ScalarStyle previous) {
    if (value instanceof String s && !s.contains("\n") && printable(s)) {
      if (previous == ScalarStyle.SINGLE_QUOTED) {
        return "'" + s.replace("'", "''") + "'";
      }
      if (previous == ScalarStyle.DOUBLE_QUOTED) {
        return doubleQuoted(s);
      }
    }
    return scalar(value);
  }

  /** {@link #scalarLike} for a value inside a flow collection. */
  static String flowScalarLike(Object value, ScalarStyle previous) {
    if (previous == ScalarStyle.SINGLE_QUOTED || previous == ScalarStyle.DOUBLE_QUOTED) {
      return scalarLike(value, previous);
    }
    return scalar(value, true);
  }

  private static String scalar(Object value, boolean inFlow) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return ".nan";
      }
      if (d.isInfinite()) {
        return d > 0 ? ".inf" : "-.inf";
      }
      String text = d.toString();
      // 1.0E10 is a YAML 1.1 float only with a signed exponent and a fraction.
      return text.contains("E") && !text.contains("E-") ? text.replace("E", "e+") : text;
    }
    if (value instanceof String s) {
      return canBePlain(s, inFlow) ? s : doubleQuoted(s);
    }
    throw new IllegalArgumentException("not a YAML scalar: " + value.getClass().getSimpleName());
  }

  /** Flow style on one line: {@code {a: 1, b: [x, y]}}. */
  public static String flow(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sep)
            .append(key(e.getKey().toString(), true))
            .append(": ")
            .append(flow(e.getValue()));
        sep = ", ";
      }
      return sb.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      String sep = "";
      for (Object item : list) {
        sb.append(sep).append(flow(item));
        sep = ", ";
      }
      return sb.append(']').toString();
    }
    return scalar(value, true);
  }

  /**
   * The entries of a mapping in block style, one {@code key: value} per line, each line starting
   * with {@code indent} spaces and ending with a newline.
   */
  public static String blockEntries(Map<?, ?> map, int indent, String newline) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      sb.append(" ".repeat(indent)).append(key(e.getKey().toString(), false)).append(':');
      appendBlockValue(sb, e.getValue(), indent, newline);
    }
    return sb.toString();
  }

  /** A non-empty mapping or sequence in block style whose first line has no indentation. */
  static String blockAt(Object value, int indent, String newline) {
    String block =
        value instanceof Map<?, ?> map
            ? blockEntries(map, indent, newline)
            : blockItems((List<?>) value, indent, newline);
    return block.substring(indent);
  }

  /** After {@code key:}: " scalar" or a nested block on the following lines, then the newline. */
  static void appendBlockValue(StringBuilder sb, Object value, int indent, String newline) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      sb.append(newline).append(blockEntries(map, indent + 2, newline));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      sb.append(newline).append(blockItems(list, indent + 2, newline));
    } else if (value instanceof String s && literalFits(s)) {
      sb.append(' ').append(literal(s, indent + 2, newline));
    } else {
      sb.append(' ')
          .append(value instanceof Map || value instanceof List ? flow(value) : scalar(value))
          .append(newline);
    }
  }

  private static String blockItems(List<?> list, int indent, String newline) {
    StringBuilder sb = new StringBuilder();
    for (Object item : list) {
      sb.append(" ".repeat(indent)).append("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        sb.append(blockEntries(map, indent + 2, newline).substring(indent + 2));
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        sb.append(blockItems(inner, indent + 2, newline).substring(indent + 2));
      } else if (item instanceof String s && literalFits(s)) {
        sb.append(literal(s, indent + 2, newline));
      } else {
        sb.append(item instanceof Map || item instanceof List ? flow(item) : scalar(item))
            .append(newline);
      }
    }
    return sb.toString();
  }

  /** Whether {@code s} is multi-line text a literal block ({@code |}) holds exactly. */
  static boolean literalFits(String s) {
    if (!s.contains("\n")
        || s.isBlank()
        || s.startsWith(" ")
        || s.startsWith("\n")
        || !printable(s)) {
      return false;
    }
    return !s.contains("\r");
  }

  /**
   * A literal block: the header, then every line indented by {@code indent}, ending with a newline.
   */
  static String literal(String s, int indent, String newline) {
    String chomp;
    String body = s;
    if (s.endsWith("\n\n")) {
      chomp = "+";
    } else if (s.endsWith("\n")) {
      chomp = "";
    } else {
      chomp = "-";
    }
    if (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
    }
    StringBuilder sb = new StringBuilder("|").append(chomp).append(newline);
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append(" ".repeat(indent)).append(line);
      }
      sb.append(newline);
    }
    return sb.toString();
  }

  static String key(String key, boolean inFlow) {
    return canBePlain(key, inFlow) ? key : doubleQuoted(key);
  }

  static boolean canBePlain(String s, boolean inFlow) {
    if (s.isEmpty()
        || !s.strip().equals(s)
        || !printable(s)
        || s.contains("\n")
        || s.contains("\t")) {
      return false;
    }
    if (INDICATORS.indexOf(s.charAt(0)) >= 0
        || s.contains(": ")
        || s.contains(" #")
        || s.endsWith(":")) {
      return false;
    }
    if (inFlow && s.chars().anyMatch(c -> FLOW_INDICATORS.indexOf(c) >= 0 || c == ':')) {
      return false;
    }
    return !(Resolver.BOOL.matcher(s).matches()
        || Resolver.INT.matcher(s).matches()
        || Resolver.FLOAT.matcher(s).matches()
        || Resolver.NULL.matcher(s).matches()
        || Resolver.MERGE.matcher(s).matches()
        || Resolver.VALUE.matcher(s).matches()
        || TIMESTAMP.matcher(s).matches()
        || s.equals("~"));
  }

  /** No character that YAML only accepts escaped (C0/C1 controls other than tab and newline). */
  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escapedOnly(c) && c != '\n' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** C0 and C1 controls, the byte order mark, line and paragraph separators, non-characters. */
  private static boolean escapedOnly(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\uFEFF'
        || c == '\u2028'
        || c == '\u2029'
        || c == '\uFFFE'
        || c == '\uFFFF';
  }

  static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (escapedOnly(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
