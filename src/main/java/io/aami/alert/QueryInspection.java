package io.aami.alert;

import java.util.List;

/** Questions about an expanded expr that other checks ask. */
public final class QueryInspection {
  private QueryInspection() {}

  /** True when some selector in {@code expr} has a matcher on {@code label}. */
  public static boolean selectsLabel(String expr, String label) {
    List<PromqlToken> tokens = PromqlLexer.structuralTokens(expr);
    int braces = 0;
    for (int i = 0; i < tokens.size(); i++) {
      PromqlToken t = tokens.get(i);
      if (t.is(PromqlToken.Type.LEFT_BRACE)) {
        braces++;
      } else if (t.is(PromqlToken.Type.RIGHT_BRACE)) {
        braces = Math.max(0, braces - 1);
      } else if (braces > 0 && t.is(PromqlToken.Type.IDENTIFIER) && t.text().equals(label)
          && i + 1 < tokens.size() && tokens.get(i + 1).isMatchOperator()) {
        return true;
      }
    }
    return false;
  }
}
