package io.aami.promql;

import java.util.Optional;

/**
 * How a value is written into each place of a query ({@link QueryTemplate.Place}), so that no value
 * can end a string literal early or add syntax to the query.
 *
 * <ul>
 *   <li>Double- and single-quoted literals: backslash and the literal's own quote are escaped,
 *       newline, carriage return and tab become {@code \n}, {@code \r}, {@code \t}, and other
 *       control characters {@code \xNN}. The other quote character is left alone because Prometheus
 *       rejects {@code \'} inside {@code "..."} and {@code \"} inside {@code '...'}.
 *   <li>Backtick (raw) literals have no escapes at all: a value containing a backtick cannot be
 *       written there and is refused.
 *   <li>Code: only a single token ({@link #isBareToken}), which cannot open or close a bracket,
 *       string or comment.
 *   <li>Comments: anything but a line break.
 * </ul>
 */
public final class Escaping {
  private static final String REGEX_SPECIAL = "\\.+*?()|[]{}^$";

  private Escaping() {}

  /**
   * The value escaped for a literal opened by {@code quote}, or empty when it cannot be written.
   */
  public static Optional<String> inString(char quote, String value) {
    if (quote == '`') {
      return value.indexOf('`') >= 0 ? Optional.empty() : Optional.of(value);
    }
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == quote) {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return Optional.of(sb.toString());
  }

  /**
   * {@code value} as a regular expression that matches exactly {@code value}: every character that
   * RE2 (Prometheus's regex engine) treats specially gets a backslash, as Go's {@code
   * regexp.QuoteMeta} does. The result still needs {@link #inString} to become a literal.
   */
  public static String quoteRegex(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (REGEX_SPECIAL.indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * True when {@code value} is one token that cannot change a query's structure: a number ({@link
   * PromQL#isNumber}), a duration ({@link PromQL#isDuration}) or a name ({@link
   * PromQL#isMetricName}).
   */
  public static boolean isBareToken(String value) {
    return PromQL.isNumber(value) || PromQL.isDuration(value) || PromQL.isMetricName(value);
  }

  /** True when {@code value} can stand in a {@code #} comment without ending it. */
  public static boolean fitsInComment(String value) {
    return value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
  }
}
