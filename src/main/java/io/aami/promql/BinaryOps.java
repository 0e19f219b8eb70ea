package io.aami.promql;

import io.aami.promql.Token.Kind;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators with Prometheus's precedence: higher binds tighter; only {@code ^} is
 * right-associative.
 */
final class BinaryOps {
  static final int POW_PRECEDENCE = 6;
  private static final Map<Kind, String> SYMBOLS =
      Map.ofEntries(
          Map.entry(Kind.ADD, "+"),
          Map.entry(Kind.SUB, "-"),
          Map.entry(Kind.MUL, "*"),
          Map.entry(Kind.DIV, "/"),
          Map.entry(Kind.MOD, "%"),
          Map.entry(Kind.POW, "^"),
          Map.entry(Kind.EQLC, "=="),
          Map.entry(Kind.NEQ, "!="),
          Map.entry(Kind.LSS, "<"),
          Map.entry(Kind.LTE, "<="),
          Map.entry(Kind.GTR, ">"),
          Map.entry(Kind.GTE, ">="));
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

  private BinaryOps() {}

  /** The operator a token is ({@code "+"}, {@code "and"}, {@code "atan2"}), or null. */
  static String operator(Token t) {
    String symbol = SYMBOLS.get(t.kind());
    if (symbol != null) {
      return symbol;
    }
    String k = t.keyword();
    return switch (k) {
      case "and", "or", "unless", "atan2" -> k;
      default -> null;
    };
  }

  static int precedence(String op) {
    return switch (op) {
      case "or" -> 1;
      case "and", "unless" -> 2;
      case "==", "!=", "<", "<=", ">", ">=" -> 3;
      case "+", "-" -> 4;
      case "*", "/", "%", "atan2" -> 5;
      case "^" -> POW_PRECEDENCE;
      default -> throw new IllegalArgumentException(op);
    };
  }

  static boolean isComparison(String op) {
    return COMPARISONS.contains(op);
  }
}
