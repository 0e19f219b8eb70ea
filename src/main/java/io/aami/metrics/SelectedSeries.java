package io.aami.metrics;

import io.aami.alert.PromqlLexer;
import io.aami.alert.PromqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The vector selectors of a PromQL query: which metric names it selects and with which label
 * matchers, with offsets into the query. The metric contract checks ask only this.
 *
 * <p>Until the PromQL parser ({@code io.aami.promql}) is wired in, selectors are recognised on
 * the tokens of {@link PromqlLexer}: an identifier that is not a keyword, not a function or
 * aggregation name (followed by {@code (}), not inside a grouping label list ({@code by (...)},
 * {@code on (...)}, ...) nor inside {@code [...]}, is a metric name; the braces right after it,
 * or braces that follow no name, hold its matchers. Replacing this with a walk over the AST is
 * the one change needed when the parser lands. Linear in the length of the query.
 */
public final class SelectedSeries {
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2",
      "inf", "nan");
  private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");

  /**
   * One vector selector.
   *
   * @param metric the metric name, from the name before the braces or an {@code __name__="x"}
   *     matcher; empty when the selector names none
   * @param start offset of the selector's first character in the query
   */
  public record Selector(Optional<String> metric, int start, List<Matcher> matchers) {
    public Selector {
      matchers = List.copyOf(matchers);
    }
  }

  /**
   * One label matcher, its value unquoted.
   *
   * @param start offset of the label name in the query
   */
  public record Matcher(String label, String operator, String value, int start) {
    /**
     * True when the matcher matches a series that lacks the label (whose value is then "");
     * RE2 and Java agree on the regexes that match the empty string for every practical
     * pattern, and an unparsable one is treated as matching it, which never warns wrongly.
     */
    public boolean matchesEmpty() {
      return switch (operator) {
        case "=" -> value.isEmpty();
        case "!=" -> !value.isEmpty();
        case "=~" -> fullMatchOfEmpty(value).orElse(true);
        case "!~" -> !fullMatchOfEmpty(value).orElse(false);
        default -> true;
      };
    }

    private static Optional<Boolean> fullMatchOfEmpty(String regex) {
      try {
        return Optional.of(Pattern.compile(regex).matcher("").matches());
      } catch (PatternSyntaxException e) {
        return Optional.empty();
      }
    }
  }

  private SelectedSeries() {}

  public static List<Selector> of(String query) {
    List<PromqlToken> tokens = PromqlLexer.structuralTokens(query);
    List<Selector> selectors = new ArrayList<>();
    int brackets = 0;
    for (int i = 0; i < tokens.size(); i++) {
      PromqlToken t = tokens.get(i);
      PromqlToken next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (t.is(PromqlToken.Type.LEFT_BRACKET)) {
        brackets++;
      } else if (t.is(PromqlToken.Type.RIGHT_BRACKET)) {
        brackets = Math.max(0, brackets - 1);
      } else if (brackets > 0) {
        // durations, subquery steps: "[5m:1m]" lexes ":1m" as an identifier
      } else if (t.is(PromqlToken.Type.IDENTIFIER) && next != null && next.is(PromqlToken.Type.LEFT_PAREN)) {
        if (isGrouping(t)) {
          i = closing(tokens, i + 1); // a label list, not selectors
        }
      } else if (t.is(PromqlToken.Type.IDENTIFIER) && next != null && isGrouping(next)) {
        // "sum by (x) (...)": an aggregation, its arguments come later
      } else if (t.is(PromqlToken.Type.IDENTIFIER) && !KEYWORDS.contains(t.text().toLowerCase(Locale.ROOT))
          && !isGrouping(t) && !t.text().startsWith(":")) {
        List<Matcher> matchers = new ArrayList<>();
        if (next != null && next.is(PromqlToken.Type.LEFT_BRACE)) {
          i = matchers(tokens, i + 1, matchers, new String[1]);
        }
        selectors.add(new Selector(Optional.of(t.text()), t.start(), matchers));
      } else if (t.is(PromqlToken.Type.LEFT_BRACE)) {
        List<Matcher> matchers = new ArrayList<>();
        String[] quotedName = new String[1];
        int start = t.start();
        i = matchers(tokens, i, matchers, quotedName);
        Optional<String> name = Optional.ofNullable(quotedName[0]).or(() -> matchers.stream()
            .filter(m -> m.label().equals("__name__") && m.operator().equals("="))
            .map(Matcher::value).findFirst());
        selectors.add(new Selector(name, start, matchers));
      }
    }
    return selectors;
  }

  /** Reads the matchers of the braces opening at {@code open}; returns the index of the closing brace. */
  private static int matchers(List<PromqlToken> tokens, int open, List<Matcher> out, String[] quotedName) {
    int i = open + 1;
    while (i < tokens.size() && !tokens.get(i).is(PromqlToken.Type.RIGHT_BRACE)) {
      PromqlToken label = tokens.get(i);
      PromqlToken operator = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      PromqlToken value = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
      boolean named = label.is(PromqlToken.Type.IDENTIFIER) || label.is(PromqlToken.Type.STRING);
      if (named && operator != null && operator.isMatchOperator() && value != null
          && value.is(PromqlToken.Type.STRING)) {
        String name = label.is(PromqlToken.Type.STRING) ? unquote(label) : label.text();
        out.add(new Matcher(name, operator.text(), unquote(value), label.start()));
        i += 3;
      } else if (label.is(PromqlToken.Type.STRING)) {
        quotedName[0] = unquote(label); // {"metric.name", ...}: a quoted metric name
        i++;
      } else {
        i++;
      }
    }
    return i;
  }

  private static boolean isGrouping(PromqlToken token) {
    return token.is(PromqlToken.Type.IDENTIFIER) && GROUPING.contains(token.text().toLowerCase(Locale.ROOT));
  }

  private static int closing(List<PromqlToken> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is(PromqlToken.Type.LEFT_PAREN)) {
        depth++;
      } else if (tokens.get(i).is(PromqlToken.Type.RIGHT_PAREN) && --depth == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  /** The text of a string literal: quotes removed, escapes of quoted (not raw) strings resolved. */
  static String unquote(PromqlToken string) {
    String text = string.text();
    int end = string.terminated() ? text.length() - 1 : text.length();
    String body = text.substring(1, Math.max(1, end));
    if (string.quote() == '`') {
      return body;
    }
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> e;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
