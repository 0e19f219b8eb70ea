package io.aami.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PromQL front end: {@code check(query)} parses and type-checks one expression as Prometheus
 * 3.x would and returns the tree with its problems, in the query's own character offsets. This
 * package knows nothing of aami; callers map offsets to wherever the query was written.
 */
public final class PromQL {
  /**
   * {@code expr} is present when the query parsed; {@code problems} holds at most one syntax error,
   * or the type errors, then warnings (experimental functions), in query order.
   */
  public record Result(Optional<Expr> expr, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.stream().noneMatch(Problem::isError);
    }

    public Optional<Problem> firstError() {
      return problems.stream().filter(Problem::isError).findFirst();
    }
  }

  private PromQL() {}

  /**
   * True when {@code text} is one PromQL number literal, optionally signed, as a query would read
   * it: {@code 70}, {@code -0.5}, {@code 1e3}, {@code 0x1F}, {@code 1_000}, {@code Inf}, {@code
   * NaN}. The one number check for everything that writes a value into a query.
   */
  public static boolean isNumber(String text) {
    String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("nan")) {
      return true;
    }
    List<Token> tokens = Lexer.lex(unsigned);
    return tokens.size() == 2
        && tokens.get(0).is(Token.Kind.NUMBER)
        && tokens.get(0).start() == 0
        && tokens.get(0).end() == unsigned.length()
        && tokens.get(1).is(Token.Kind.EOF)
        && Literals.number(tokens.get(0).text()) instanceof Literals.Value;
  }

  /**
   * True when {@code text} is a Prometheus duration: whole numbers with units from {@code y} down
   * to {@code ms}, each at most once, largest first ({@code 5m}, {@code 1h30m}), or {@code 0}. Zero
   * counts: it is a duration as text, though a range refuses it.
   */
  public static boolean isDuration(String text) {
    return durationMillis(text).isPresent();
  }

  /** The milliseconds of a duration as {@link #isDuration} reads it; empty when it is none. */
  public static java.util.OptionalLong durationMillis(String text) {
    return text.equals("0") ? java.util.OptionalLong.of(0) : Literals.durationMillis(text);
  }

  /**
   * True when {@code text} is a metric name a query writes without quotes: {@code
   * [a-zA-Z_:][a-zA-Z0-9_:]*}.
   */
  public static boolean isMetricName(String text) {
    return isName(text, true);
  }

  /**
   * True when {@code text} is a label name a query writes without quotes: {@code
   * [a-zA-Z_][a-zA-Z0-9_]*}.
   */
  public static boolean isLabelName(String text) {
    return isName(text, false);
  }

  private static boolean isName(String text, boolean colons) {
    if (text.isEmpty() || Lexer.isDigit(text.charAt(0))) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Lexer.isAlphaNumeric(c) && !(colons && c == ':')) {
        return false;
      }
    }
    return true;
  }

  public static Result check(String query) {
    return check(query, Dialect.PROMETHEUS_3);
  }

  public static Result check(String query, Dialect dialect) {
    Parser.Outcome parsed = Parser.parse(query, dialect);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    if (parsed.expr() != null) {
      problems.addAll(0, TypeChecker.check(query, parsed.expr(), dialect));
    }
    problems.sort(
        java.util.Comparator.comparing(Problem::level).thenComparingInt(p -> p.span().start()));
    return new Result(Optional.ofNullable(parsed.expr()), problems);
  }
}
