package io.aami.alert;

import java.util.List;
import java.util.Set;

/** Questions about an expanded expr that other checks ask. */
public final class QueryInspection {
  private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

  private QueryInspection() {}

  /** True when some selector in {@code expr} has a matcher on {@code label}. */
  public static boolean selectsLabel(String expr, String label) {
    List<PromqlToken> tokens = PromqlLexer.tokenize(expr).stream()
        .filter(t -> !t.is(PromqlToken.Type.COMMENT)).toList();
    int braces = 0;
    for (int i = 0; i < tokens.size(); i++) {
      PromqlToken t = tokens.get(i);
      if (t.is(PromqlToken.Type.LEFT_BRACE)) {
        braces++;
      } else if (t.is(PromqlToken.Type.RIGHT_BRACE)) {
        braces = Math.max(0, braces - 1);
      } else if (braces > 0 && t.is(PromqlToken.Type.IDENTIFIER) && t.text().equals(label)
          && i + 1 < tokens.size() && tokens.get(i + 1).is(PromqlToken.Type.OPERATOR)
          && MATCH_OPERATORS.contains(tokens.get(i + 1).text())) {
        return true;
      }
    }
    return false;
  }
}
