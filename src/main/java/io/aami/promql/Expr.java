package io.aami.promql;

import java.util.List;

/**
 * A node of a parsed query. Every node knows the characters it was written with, so a checker or
 * lint can point at exactly the part of the query it is talking about.
 */
public sealed interface Expr {
  Span span();

  /** The type the node evaluates to; meaningful once {@link TypeChecker} accepted the tree. */
  ValueType type();

  /** {@code offset} modifier: {@code millis} may be negative. */
  record Offset(long millis, Span span) {}

  /**
   * {@code @} modifier: a timestamp in seconds, or {@code start()}/{@code end()} ({@code
   * preprocessor}).
   */
  record At(double timestamp, String preprocessor, Span span) {}

  enum MatchOp {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String text;

    MatchOp(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }
  }

  /** {@code name op "value"}; {@code valueSpan} covers the quoted literal. */
  record Matcher(String name, MatchOp op, String value, Span span, Span valueSpan) {}

  record NumberLiteral(double value, Span span) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.SCALAR;
    }
  }

  record StringLiteral(String value, Span span) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.STRING;
    }
  }

  /** {@code name} is null when the selector has only matchers ({@code {job="x"}}). */
  record VectorSelector(String name, List<Matcher> matchers, Offset offset, At at, Span span)
      implements Expr {
    public VectorSelector {
      matchers = List.copyOf(matchers);
    }

    @Override
    public ValueType type() {
      return ValueType.VECTOR;
    }

    /** The metric name, written before the braces or as {@code __name__="x"}; null when neither. */
    public String metricName() {
      if (name != null) {
        return name;
      }
      return matchers.stream()
          .filter(m -> m.name().equals("__name__") && m.op() == MatchOp.EQUAL)
          .map(Matcher::value)
          .findFirst()
          .orElse(null);
    }
  }

  record MatrixSelector(
      VectorSelector selector, long rangeMillis, Span rangeSpan, Offset offset, At at, Span span)
      implements Expr {
    @Override
    public ValueType type() {
      return ValueType.MATRIX;
    }
  }

  /** {@code stepMillis} is 0 when the step is left out ({@code [1h:]}). */
  record Subquery(
      Expr expr, long rangeMillis, long stepMillis, Span rangeSpan, Offset offset, At at, Span span)
      implements Expr {
    @Override
    public ValueType type() {
      return ValueType.MATRIX;
    }
  }

  record Paren(Expr expr, Span span) implements Expr {
    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  record Unary(String op, Expr expr, Span span) implements Expr {
    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  /**
   * {@code lhs op rhs}; {@code matching} is null without {@code on}/{@code ignoring}. {@code
   * opSpan} covers the operator and its modifiers.
   */
  record Binary(
      String op,
      Expr lhs,
      Expr rhs,
      boolean returnBool,
      VectorMatching matching,
      Span opSpan,
      Span span)
      implements Expr {
    @Override
    public ValueType type() {
      return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
          ? ValueType.SCALAR
          : ValueType.VECTOR;
    }

    public boolean isComparison() {
      return BinaryOps.isComparison(op);
    }

    public boolean isSetOperation() {
      return Keywords.SET_OPERATORS.contains(op);
    }
  }

  /**
   * {@code on(labels)} or {@code ignoring(labels)}, and {@code group_left}/{@code group_right}
   * ({@code group} is "", "left" or "right") with their extra labels.
   */
  record VectorMatching(
      boolean on, List<String> labels, String group, List<String> include, Span span) {
    public VectorMatching {
      labels = List.copyOf(labels);
      include = List.copyOf(include);
    }
  }

  /**
   * {@code op(param, expr)} with {@code by}/{@code without}; {@code grouping} is null when there is
   * no clause. {@code groupingSpan} covers the clause.
   */
  record Aggregate(
      String op,
      Expr param,
      Expr expr,
      List<String> grouping,
      boolean without,
      Span groupingSpan,
      Span span)
      implements Expr {
    @Override
    public ValueType type() {
      return ValueType.VECTOR;
    }
  }

  record Call(Functions.Function function, List<Expr> args, Span nameSpan, Span span)
      implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
      return function.returns();
    }
  }
}
