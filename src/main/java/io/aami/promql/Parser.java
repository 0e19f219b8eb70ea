package io.aami.promql;

import io.aami.promql.Expr.At;
import io.aami.promql.Expr.MatchOp;
import io.aami.promql.Expr.Matcher;
import io.aami.promql.Expr.Offset;
import io.aami.promql.Token.Kind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Recursive descent with precedence climbing over the tokens of {@link Lexer}. Stops at the first
 * syntax error (one located problem is more useful than a cascade), and bounds nesting so that no
 * input can exhaust the stack. Linear in the number of tokens.
 *
 * <p>Placement rules that Prometheus checks while parsing are checked here too: {@code offset} and
 * {@code @} only after selectors and subqueries, ranges only on plain vector selectors.
 */
final class Parser {
  /**
   * Deepest tree accepted (a chain of 2000 binary operators is deep too): far beyond any real
   * query, far below what the checks' recursion can hold.
   */
  static final int MAX_DEPTH = 2000;

  /**
   * Deepest nesting of parentheses, calls, unary operators and {@code ^} the parser recurses into.
   */
  static final int MAX_NESTING = 200;

  private final List<Token> tokens;
  private final boolean v2;
  private final List<Problem> warnings = new ArrayList<>();
  private final IdentityHashMap<Expr, Integer> depths = new IdentityHashMap<>();
  private int next;
  private int nesting;

  private Parser(List<Token> tokens, Dialect dialect) {
    this.tokens = tokens;
    this.v2 = dialect == Dialect.PROMETHEUS_2;
  }

  /** The tree (null when the query does not parse), its syntax error if any, and warnings. */
  record Outcome(Expr expr, List<Problem> problems) {}

  static Outcome parse(String src, Dialect dialect) {
    Parser p = new Parser(Lexer.lex(src), dialect);
    List<Problem> problems = new ArrayList<>();
    Expr expr = null;
    try {
      if (p.peek().is(Kind.EOF)) {
        throw p.fail(p.peek().span(), "the query is empty: expected an expression");
      }
      expr = p.expression(0);
      Token after = p.peek();
      if (!after.is(Kind.EOF)) {
        throw p.unexpected(
            after, "expected an operator or the end of the query after " + quote(p.previous()));
      }
    } catch (Failure f) {
      expr = null;
      problems.add(f.problem);
    }
    problems.addAll(p.warnings);
    return new Outcome(expr, problems);
  }

  // ---- expressions ------------------------------------------------------------------------

  private Expr expression(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token t = peek();
      String op = BinaryOps.operator(t);
      if (op == null || BinaryOps.precedence(op) < minPrecedence) {
        return lhs;
      }
      advance();
      Modifiers m = binaryModifiers(t);
      int precedence = BinaryOps.precedence(op);
      enter(t);
      Expr rhs = expression(op.equals("^") ? precedence : precedence + 1);
      nesting--;
      lhs =
          sized(
              new Expr.Binary(
                  op,
                  lhs,
                  rhs,
                  m.returnBool,
                  m.matching,
                  t.span().to(m.end),
                  lhs.span().to(rhs.span())),
              lhs,
              rhs);
    }
  }

  private record Modifiers(boolean returnBool, Expr.VectorMatching matching, Span end) {}

  private Modifiers binaryModifiers(Token op) {
    boolean returnBool = false;
    Span end = op.span();
    if (peek().keyword().equals("bool")) {
      returnBool = true;
      end = advance().span();
    }
    String k = peek().keyword();
    if (k.equals("group_left") || k.equals("group_right")) {
      throw fail(peek().span(), "'" + peek().text() + "' needs on(...) or ignoring(...) before it");
    }
    if (!k.equals("on") && !k.equals("ignoring")) {
      return new Modifiers(returnBool, null, end);
    }
    Token onOrIgnoring = advance();
    Labels labels = groupingLabels(onOrIgnoring);
    end = labels.span;
    String group = "";
    List<String> include = List.of();
    k = peek().keyword();
    if (k.equals("group_left") || k.equals("group_right")) {
      Token g = advance();
      group = k.equals("group_left") ? "left" : "right";
      end = g.span();
      if (peek().is(Kind.LEFT_PAREN)) {
        Labels extra = groupingLabels(g);
        include = extra.names;
        end = extra.span;
      }
    }
    return new Modifiers(
        returnBool,
        new Expr.VectorMatching(
            onOrIgnoring.keyword().equals("on"),
            labels.names,
            group,
            include,
            onOrIgnoring.span().to(end)),
        end);
  }

  private Expr unary() {
    Token t = peek();
    if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
      advance();
      enter(t);
      Expr operand = expression(BinaryOps.POW_PRECEDENCE);
      nesting--;
      Span span = t.span().to(operand.span());
      if (operand instanceof Expr.NumberLiteral n) {
        return sized(new Expr.NumberLiteral(t.is(Kind.SUB) ? -n.value() : n.value(), span), n);
      }
      return sized(new Expr.Unary(t.text(), operand, span), operand);
    }
    return postfix(primary());
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        advance();
        return sized(new Expr.NumberLiteral(numberValue(t), t.span()));
      }
      case DURATION -> {
        if (v2) {
          throw unexpected(
              t,
              "expected a number (Prometheus 2 reads durations only in ranges"
                  + " and after offset; write the number of seconds)");
        }
        advance();
        return sized(new Expr.NumberLiteral(durationMillis(t) / 1000.0, t.span()));
      }
      case STRING -> {
        advance();
        return sized(new Expr.StringLiteral(t.value(), t.span()));
      }
      case LEFT_PAREN -> {
        advance();
        enter(t);
        Expr inner = expression(0);
        nesting--;
        Token close =
            expect(
                Kind.RIGHT_PAREN,
                "expected ')' to close the '(' at character "
                    + (t.start() + 1)
                    + ", or an operator");
        return sized(new Expr.Paren(inner, t.span().to(close.span())), inner);
      }
      case LEFT_BRACE -> {
        return selector(null, t);
      }
      case METRIC_IDENTIFIER -> {
        advance();
        return selector(t, t);
      }
      case IDENTIFIER -> {
        return identifier(t);
      }
      case ERROR -> throw fail(t.span(), t.value());
      default ->
          throw unexpected(
              t,
              "expected an expression" + (previous() == null ? "" : " after " + quote(previous())));
    }
  }

  private Expr identifier(Token t) {
    String k = t.keyword();
    Token after = peekAt(1);
    if (v2 && Dialect.NEWER_THAN_2_42.contains(k)) {
      k = "";
    }
    if (Keywords.AGGREGATORS.contains(k)
        && (after.is(Kind.LEFT_PAREN)
            || after.keyword().equals("by")
            || after.keyword().equals("without"))) {
      return aggregation(t);
    }
    if (k.isEmpty() && after.is(Kind.LEFT_PAREN)) {
      return call(t);
    }
    if (k.isEmpty() || Keywords.METRIC_NAMES.contains(k)) {
      advance();
      return selector(t, t);
    }
    throw unexpected(
        t,
        "expected an expression"
            + (previous() == null ? "" : " after " + quote(previous()))
            + "; to select a metric with this name write {__name__=\""
            + t.text()
            + "\"}");
  }

  private Expr call(Token name) {
    advance();
    Functions.Function fn =
        Functions.byName(name.text())
            .filter(f -> !v2 || !Dialect.NEWER_THAN_2_42.contains(f.name()))
            .orElseThrow(
                () ->
                    fail(
                        name.span(),
                        "unknown function \""
                            + name.text()
                            + "\""
                            + (v2 && Functions.byName(name.text()).isPresent()
                                ? " (added after Prometheus 2.42)"
                                : Suggest.closest(name.text(), Functions.names()))));
    if (fn.experimental()) {
      warnings.add(
          Problem.warning(
              name.span(),
              "function \""
                  + fn.name()
                  + "\" is experimental:"
                  + " Prometheus refuses it unless started with --enable-feature=promql-experimental-functions"));
    }
    Token open = advance();
    enter(open);
    List<Expr> args = arguments(open, "call to \"" + name.text() + "\"");
    nesting--;
    Expr call = new Expr.Call(fn, args, name.span(), name.span().to(previous().span()));
    return sized(call, args.toArray(Expr[]::new));
  }

  private Expr aggregation(Token op) {
    advance();
    String k = op.keyword();
    if (Keywords.EXPERIMENTAL_AGGREGATORS.contains(k)) {
      warnings.add(
          Problem.warning(
              op.span(),
              "aggregation \""
                  + k
                  + "\" is experimental:"
                  + " Prometheus refuses it unless started with --enable-feature=promql-experimental-functions"));
    }
    Labels grouping = null;
    boolean without = false;
    if (!peek().is(Kind.LEFT_PAREN)) {
      without = peek().keyword().equals("without");
      grouping = groupingLabels(advance());
    }
    Token open = peek();
    if (!open.is(Kind.LEFT_PAREN)) {
      throw unexpected(open, "expected '(' and the argument of " + k);
    }
    advance();
    enter(open);
    List<Expr> args = arguments(open, k);
    nesting--;
    Span close = previous().span();
    if (grouping == null && (peek().keyword().equals("by") || peek().keyword().equals("without"))) {
      without = peek().keyword().equals("without");
      grouping = groupingLabels(advance());
    }
    boolean withParam = Keywords.WITH_PARAMETER.contains(k);
    int wanted = withParam ? 2 : 1;
    if (args.isEmpty()) {
      throw fail(
          open.span().to(close),
          "no arguments for aggregation "
              + k
              + ": expected "
              + (withParam ? "a parameter and an expression" : "an expression"));
    }
    if (args.size() != wanted) {
      throw fail(
          open.span().to(close),
          "wrong number of arguments for aggregation "
              + k
              + ": expected "
              + wanted
              + (withParam ? " (a parameter and an expression)" : "")
              + ", got "
              + args.size());
    }
    Span span = op.span().to(close).to(grouping == null ? close : grouping.span);
    Expr param = withParam ? args.get(0) : null;
    Expr inner = args.get(args.size() - 1);
    Expr agg =
        new Expr.Aggregate(
            k,
            param,
            inner,
            grouping == null ? null : grouping.names,
            without,
            grouping == null ? null : grouping.span,
            span);
    return sized(agg, args.toArray(Expr[]::new));
  }

  /** Arguments after an opening '(' up to and including the ')'. */
  private List<Expr> arguments(Token open, String of) {
    List<Expr> args = new ArrayList<>();
    if (peek().is(Kind.RIGHT_PAREN)) {
      advance();
      return args;
    }
    while (true) {
      args.add(expression(0));
      Token t = peek();
      if (t.is(Kind.RIGHT_PAREN)) {
        advance();
        return args;
      }
      if (!t.is(Kind.COMMA)) {
        throw unexpected(
            t,
            "expected ',' or ')' to close the "
                + of
                + " opened at character "
                + (open.start() + 1));
      }
      advance();
      if (peek().is(Kind.RIGHT_PAREN)) {
        throw fail(t.span(), "trailing comma in the arguments of " + of + ": remove it");
      }
    }
  }

  private record Labels(List<String> names, Span span) {}

  /**
   * {@code (a, b, "c.d")} after {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code
   * group_*}.
   */
  private Labels groupingLabels(Token keyword) {
    Token open = peek();
    if (!open.is(Kind.LEFT_PAREN)) {
      throw unexpected(open, "expected '(' and a list of label names after " + quote(keyword));
    }
    advance();
    List<String> names = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.is(Kind.RIGHT_PAREN)) {
        advance();
        return new Labels(names, keyword.span().to(t.span()));
      }
      if (t.is(Kind.IDENTIFIER)) {
        names.add(t.text());
      } else if (t.is(Kind.STRING)) {
        if (v2) {
          throw unexpected(t, "expected a label name (Prometheus 2 has no quoted label names)");
        }
        if (t.value().isEmpty()) {
          throw fail(t.span(), "invalid label name for grouping: the empty string");
        }
        names.add(t.value());
      } else if (t.is(Kind.METRIC_IDENTIFIER)) {
        throw fail(
            t.span(),
            "invalid label name for grouping: \""
                + t.text()
                + "\" (label names"
                + " cannot contain ':' unless quoted)");
      } else if (t.is(Kind.ERROR)) {
        throw fail(t.span(), t.value());
      } else {
        throw unexpected(t, "expected a label name or ')' in the list after " + quote(keyword));
      }
      advance();
      Token sep = peek();
      if (sep.is(Kind.COMMA)) {
        advance();
      } else if (!sep.is(Kind.RIGHT_PAREN)) {
        throw unexpected(sep, "expected ',' or ')' in the label list after " + quote(keyword));
      }
    }
  }

  // ---- selectors ----------------------------------------------------------------------------

  private Expr selector(Token name, Token first) {
    List<Matcher> matchers = new ArrayList<>();
    Span span = first.span();
    if (peek().is(Kind.LEFT_BRACE)) {
      span = span.to(matchers(matchers));
    }
    return sized(
        new Expr.VectorSelector(name == null ? null : name.text(), matchers, null, null, span));
  }

  /** Reads {@code {...}} into {@code out}; returns the span of the braces. */
  private Span matchers(List<Matcher> out) {
    Token open = advance();
    while (true) {
      Token t = peek();
      if (t.is(Kind.RIGHT_BRACE)) {
        advance();
        return open.span().to(t.span());
      }
      if (t.is(Kind.ERROR)) {
        throw fail(t.span(), t.value());
      }
      if (!t.is(Kind.LABEL_NAME) && !t.is(Kind.STRING)) {
        throw unexpected(
            t,
            "expected a label name or '}' in the selector opened at character "
                + (open.start() + 1));
      }
      if (v2 && t.is(Kind.STRING)) {
        throw unexpected(t, "expected a label name (Prometheus 2 has no quoted names)");
      }
      advance();
      MatchOp op = matchOp(peek());
      if (op == null && t.is(Kind.STRING)) {
        out.add(new Matcher("__name__", MatchOp.EQUAL, t.value(), t.span(), t.span()));
      } else if (op == null) {
        throw unexpected(
            peek(), "expected a matcher operator (=, !=, =~ or !~) after label " + t.text());
      } else {
        if (t.is(Kind.STRING) && t.value().isEmpty()) {
          throw fail(t.span(), "invalid label name: the empty string");
        }
        Token opToken = advance();
        Token value = peek();
        if (value.is(Kind.ERROR)) {
          throw fail(value.span(), value.value());
        }
        if (!value.is(Kind.STRING)) {
          throw unexpected(
              value,
              "expected a quoted label value after '"
                  + opToken.text()
                  + "'"
                  + (value.is(Kind.LABEL_NAME) ? " (write \"" + value.text() + "\")" : ""));
        }
        advance();
        out.add(new Matcher(t.value(), op, value.value(), t.span().to(value.span()), value.span()));
      }
      Token sep = peek();
      if (sep.is(Kind.COMMA)) {
        advance();
      } else if (!sep.is(Kind.RIGHT_BRACE)) {
        if (sep.is(Kind.ERROR)) {
          throw fail(sep.span(), sep.value());
        }
        throw unexpected(sep, "expected ',' or '}' after the matcher");
      }
    }
  }

  private static MatchOp matchOp(Token t) {
    return switch (t.kind()) {
      case EQL -> MatchOp.EQUAL;
      case NEQ -> MatchOp.NOT_EQUAL;
      case EQL_REGEX -> MatchOp.REGEX;
      case NEQ_REGEX -> MatchOp.NOT_REGEX;
      default -> null;
    };
  }

  // ---- postfix: [range], [range:step], offset, @ -----------------------------------------------

  private Expr postfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.is(Kind.LEFT_BRACKET)) {
        e = bracket(e, advance());
      } else if (t.keyword().equals("offset")) {
        e = offset(e, advance());
      } else if (t.is(Kind.AT)) {
        e = at(e, advance());
      } else {
        return e;
      }
    }
  }

  private Expr bracket(Expr e, Token open) {
    Token range = peek();
    long rangeMillis = durationOrSeconds(range, "a range such as 5m after '['");
    advance();
    Token t = advance();
    if (t.is(Kind.RIGHT_BRACKET)) {
      Span span = e.span().to(t.span());
      if (!(e instanceof Expr.VectorSelector vs)) {
        throw fail(
            open.span().to(t.span()),
            "a range ["
                + range.text()
                + "] can only follow a"
                + " metric selector; for a range over an expression write a subquery ["
                + range.text()
                + ":]");
      }
      if (vs.offset() != null) {
        throw fail(
            open.span().to(t.span()),
            "no offset modifiers allowed before a range: write" + " the range first, then offset");
      }
      if (vs.at() != null) {
        throw fail(
            open.span().to(t.span()),
            "no @ modifiers allowed before a range: write the" + " range first, then @");
      }
      return sized(new Expr.MatrixSelector(vs, rangeMillis, range.span(), null, null, span), vs);
    }
    if (t.is(Kind.ERROR)) {
      throw fail(t.span(), t.value());
    }
    if (!t.is(Kind.COLON)) {
      throw unexpected(t, "expected ']' to end the range, or ':' for a subquery");
    }
    long step = 0;
    if (!peek().is(Kind.RIGHT_BRACKET)) {
      step = durationOrSeconds(peek(), "a step duration or ']' after ':'");
      advance();
    }
    Token close = advance();
    if (close.is(Kind.ERROR)) {
      throw fail(close.span(), close.value());
    }
    if (!close.is(Kind.RIGHT_BRACKET)) {
      throw unexpected(close, "expected ']' to end the subquery");
    }
    return sized(
        new Expr.Subquery(
            e, rangeMillis, step, range.span(), null, null, e.span().to(close.span())),
        e);
  }

  private Expr offset(Expr e, Token keyword) {
    boolean negative = false;
    if (peek().is(Kind.SUB)) {
      advance();
      negative = true;
    }
    Token d = peek();
    long millis = durationOrSeconds(d, "a duration such as 5m after 'offset'");
    advance();
    Offset o = new Offset(negative ? -millis : millis, keyword.span().to(d.span()));
    Span span = e.span().to(d.span());
    if (e instanceof Expr.VectorSelector v) {
      requireNoOffset(v.offset(), keyword);
      return sized(new Expr.VectorSelector(v.name(), v.matchers(), o, v.at(), span));
    }
    if (e instanceof Expr.MatrixSelector m) {
      requireNoOffset(m.offset(), keyword);
      return sized(
          new Expr.MatrixSelector(m.selector(), m.rangeMillis(), m.rangeSpan(), o, m.at(), span),
          m.selector());
    }
    if (e instanceof Expr.Subquery s) {
      requireNoOffset(s.offset(), keyword);
      return sized(
          new Expr.Subquery(
              s.expr(), s.rangeMillis(), s.stepMillis(), s.rangeSpan(), o, s.at(), span),
          s.expr());
    }
    throw fail(
        keyword.span(),
        "offset modifier must follow a metric selector, a range selector or"
            + " a subquery directly, e.g. sum(x offset 5m), not sum(x) offset 5m");
  }

  private void requireNoOffset(Offset existing, Token keyword) {
    if (existing != null) {
      throw fail(keyword.span(), "offset may not be set multiple times");
    }
  }

  private Expr at(Expr e, Token sign) {
    Token t = peek();
    At at;
    if (t.keyword().equals("start") || t.keyword().equals("end")) {
      advance();
      expect(Kind.LEFT_PAREN, "expected '(' after " + t.text());
      Token close = expect(Kind.RIGHT_PAREN, "expected ')' after " + t.text() + "(");
      at = new At(0, t.keyword(), sign.span().to(close.span()));
    } else {
      boolean negative = false;
      Token n = t;
      if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
        negative = t.is(Kind.SUB);
        advance();
        n = peek();
      }
      double value;
      if (n.is(Kind.NUMBER)) {
        value = numberValue(n);
      } else if (n.is(Kind.DURATION) && !v2) {
        value = durationMillis(n) / 1000.0;
      } else {
        throw unexpected(n, "expected a timestamp, start() or end() after '@'");
      }
      advance();
      value = negative ? -value : value;
      if (Double.isNaN(value)
          || Double.isInfinite(value)
          || Math.abs(value) > Long.MAX_VALUE / 1000.0) {
        throw fail(sign.span().to(n.span()), "timestamp out of bounds for @ modifier: " + n.text());
      }
      at = new At(value, null, sign.span().to(n.span()));
    }
    Span span = e.span().to(at.span());
    if (e instanceof Expr.VectorSelector v) {
      requireNoAt(v.at(), sign);
      return sized(new Expr.VectorSelector(v.name(), v.matchers(), v.offset(), at, span));
    }
    if (e instanceof Expr.MatrixSelector m) {
      requireNoAt(m.at(), sign);
      return sized(
          new Expr.MatrixSelector(
              m.selector(), m.rangeMillis(), m.rangeSpan(), m.offset(), at, span),
          m.selector());
    }
    if (e instanceof Expr.Subquery s) {
      requireNoAt(s.at(), sign);
      return sized(
          new Expr.Subquery(
              s.expr(), s.rangeMillis(), s.stepMillis(), s.rangeSpan(), s.offset(), at, span),
          s.expr());
    }
    throw fail(
        sign.span(),
        "@ modifier must follow a metric selector, a range selector or a"
            + " subquery directly, e.g. sum(x @ end()), not sum(x) @ end()");
  }

  private void requireNoAt(At existing, Token sign) {
    if (existing != null) {
      throw fail(sign.span(), "@ <timestamp> may not be set multiple times");
    }
  }

  // ---- literals ------------------------------------------------------------------------------

  private double numberValue(Token t) {
    if (v2 && t.text().indexOf('_') >= 0) {
      throw fail(t.span(), "bad number " + t.text() + ": Prometheus 2 allows no '_' in numbers");
    }
    Literals.Parsed parsed = Literals.number(t.text());
    if (parsed instanceof Literals.Invalid i) {
      throw fail(t.span(), i.message());
    }
    return ((Literals.Value) parsed).value();
  }

  private long durationMillis(Token t) {
    Object d = Literals.duration(t.text());
    if (d instanceof Literals.Invalid i) {
      throw fail(t.span(), i.message());
    }
    return (Long) d;
  }

  /** A duration, or (as Prometheus 3 allows) a number of seconds, in milliseconds. */
  private long durationOrSeconds(Token t, String expected) {
    if (t.is(Kind.DURATION)) {
      return durationMillis(t);
    }
    if (t.is(Kind.NUMBER) && v2) {
      throw unexpected(t, "expected " + expected + " (Prometheus 2 needs a unit)");
    }
    if (t.is(Kind.NUMBER)) {
      double seconds = numberValue(t);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds * 1000 > Long.MAX_VALUE) {
        throw fail(t.span(), "duration " + t.text() + " is out of range");
      }
      return Math.round(seconds * 1000);
    }
    if (t.is(Kind.ERROR)) {
      throw fail(t.span(), t.value());
    }
    throw unexpected(t, "expected " + expected);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAt(int ahead) {
    int i = Math.min(next + ahead, tokens.size() - 1);
    for (int j = next; j < i; j++) {
      if (tokens.get(j).is(Kind.ERROR)) {
        return tokens.get(j);
      }
    }
    return tokens.get(i);
  }

  private Token advance() {
    Token t = tokens.get(next);
    if (t.is(Kind.ERROR)) {
      throw fail(t.span(), t.value());
    }
    if (!t.is(Kind.EOF)) {
      next++;
    }
    return t;
  }

  private Token previous() {
    return next == 0 ? null : tokens.get(next - 1);
  }

  private Token expect(Kind kind, String expected) {
    Token t = peek();
    if (!t.is(kind)) {
      throw unexpected(t, expected);
    }
    return advance();
  }

  private void enter(Token at) {
    if (++nesting > MAX_NESTING) {
      throw fail(at.span(), "the query nests more than " + MAX_NESTING + " levels deep");
    }
  }

  /** Records the tree depth of {@code e}, refusing trees deeper than {@link #MAX_DEPTH}. */
  private Expr sized(Expr e, Expr... children) {
    int depth = 0;
    for (Expr c : children) {
      depth = Math.max(depth, depths.getOrDefault(c, 0));
    }
    depth++;
    if (depth > MAX_DEPTH) {
      throw fail(e.span(), "the query nests more than " + MAX_DEPTH + " levels deep");
    }
    depths.put(e, depth);
    return e;
  }

  private Failure unexpected(Token t, String expected) {
    if (t.is(Kind.ERROR)) {
      return fail(t.span(), t.value());
    }
    return fail(t.span(), "unexpected " + t.describe() + ": " + expected);
  }

  private Failure fail(Span span, String message) {
    return new Failure(Problem.error(span, message));
  }

  private static String quote(Token t) {
    return t == null ? "the start" : "'" + t.text() + "'";
  }

  private static final class Failure extends RuntimeException {
    final Problem problem;

    Failure(Problem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }
}
