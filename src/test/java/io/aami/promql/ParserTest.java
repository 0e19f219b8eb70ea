package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape of the tree (precedence, associativity, modifiers), source ranges, and the limits. */
class ParserTest {

  private static Expr tree(String q) {
    PromQL.Result r = PromQL.check(q);
    assertTrue(r.valid(), q + ": " + r.problems());
    return r.expr().orElseThrow();
  }

  /** The tree written with explicit parentheses, to compare shapes. */
  private static String shape(Expr e) {
    if (e instanceof Expr.Binary b) {
      return "(" + shape(b.lhs()) + " " + b.op() + " " + shape(b.rhs()) + ")";
    } else if (e instanceof Expr.Unary u) {
      return "(" + u.op() + shape(u.expr()) + ")";
    } else if (e instanceof Expr.Paren p) {
      return shape(p.expr());
    } else if (e instanceof Expr.NumberLiteral n) {
      return n.value() == Math.rint(n.value())
          ? String.valueOf((long) n.value())
          : String.valueOf(n.value());
    } else if (e instanceof Expr.VectorSelector v) {
      return v.name();
    }
    return e.getClass().getSimpleName();
  }

  @Test
  void precedenceAndAssociativity() {
    assertEquals("(1 + (2 * 3))", shape(tree("1 + 2 * 3")));
    assertEquals("((1 - 2) - 3)", shape(tree("1 - 2 - 3")));
    assertEquals("(2 ^ (3 ^ 2))", shape(tree("2 ^ 3 ^ 2")), "^ is right-associative");
    assertEquals("(-(2 ^ 2))", shape(tree("-2 ^ 2")), "unary minus binds looser than ^");
    assertEquals("((-a) * b)", shape(tree("-a * b")));
    assertEquals("((a > b) and (c < d))", shape(tree("a > b and c < d")));
    assertEquals("((a and b) or (c unless d))", shape(tree("a and b or c unless d")));
    assertEquals("((a + b) > (c * d))", shape(tree("a + b > c * d")));
    assertEquals("(a atan2 (b ^ c))", shape(tree("a atan2 b ^ c")));
  }

  @Test
  void modifiersAreKept() {
    Expr.Binary b = assertInstanceOf(Expr.Binary.class, tree("a == bool on(x, y) group_left(z) b"));
    assertTrue(b.returnBool());
    assertEquals(List.of("x", "y"), b.matching().labels());
    assertEquals("left", b.matching().group());
    assertEquals(List.of("z"), b.matching().include());
    Expr.Aggregate a = assertInstanceOf(Expr.Aggregate.class, tree("topk(3, m) without (a)"));
    assertEquals("topk", a.op());
    assertTrue(a.without());
    Expr.MatrixSelector m =
        assertInstanceOf(Expr.MatrixSelector.class, tree("m[1h30m] offset -5m @ end()"));
    assertEquals(5_400_000, m.rangeMillis());
    assertEquals(-300_000, m.offset().millis());
    assertEquals("end", m.at().preprocessor());
  }

  @Test
  void everyNodeKnowsItsSourceRange() {
    String q = "sum by (a) (rate(m{x=\"y\"}[5m])) > 2";
    Expr.Binary b = assertInstanceOf(Expr.Binary.class, tree(q));
    assertEquals(new Span(0, q.length()), b.span());
    Expr.Aggregate a = assertInstanceOf(Expr.Aggregate.class, b.lhs());
    assertEquals(
        "sum by (a) (rate(m{x=\"y\"}[5m]))", q.substring(a.span().start(), a.span().end()));
    Expr.Call c = assertInstanceOf(Expr.Call.class, a.expr());
    assertEquals("rate(m{x=\"y\"}[5m])", q.substring(c.span().start(), c.span().end()));
    Expr.MatrixSelector m = assertInstanceOf(Expr.MatrixSelector.class, c.args().get(0));
    assertEquals("5m", q.substring(m.rangeSpan().start(), m.rangeSpan().end()));
    assertEquals(
        "x=\"y\"",
        q.substring(
            m.selector().matchers().get(0).span().start(),
            m.selector().matchers().get(0).span().end()));
  }

  @Test
  void errorsPointAtTheCharacterToFix() {
    assertEquals(5, PromQL.check("foo >").firstError().orElseThrow().span().start());
    assertEquals(5, PromQL.check("rate(x)").firstError().orElseThrow().span().start());
    assertEquals(4, PromQL.check("foo[5mm]").firstError().orElseThrow().span().start());
    assertEquals(14, PromQL.check("some_metric{a=b}").firstError().orElseThrow().span().start());
    assertEquals(
        7,
        PromQL.check("m{a=~\"x(?=y)\"}").firstError().orElseThrow().span().start(),
        "inside the regex, at the lookahead");
  }

  @Test
  void experimentalFunctionsAreAcceptedWithAWarning() {
    PromQL.Result r = PromQL.check("limitk(2, m) or mad_over_time(m[5m])");
    assertTrue(r.valid());
    assertEquals(2, r.problems().size());
    assertFalse(r.problems().get(0).isError());
    assertTrue(r.problems().get(0).message().contains("experimental"));
  }

  @Test
  void theTwoDialectsDifferOnlyWhereDocumented() {
    for (String q :
        List.of(
            "m > 5m",
            "m[300]",
            "m offset 60",
            "{\"a.b\"}",
            "m{\"a.b\"=\"c\"}",
            "sum by (\"a.b\") (m)",
            "1_000",
            "m{a=~\"(?<n>x)\"}",
            "limitk(1, m)",
            "histogram_avg(m)")) {
      assertTrue(PromQL.check(q).valid(), "3.x accepts " + q);
      assertFalse(PromQL.check(q, Dialect.PROMETHEUS_2).valid(), "2.x refuses " + q);
    }
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    for (String q :
        List.of(
            "(".repeat(100_000) + "1" + ")".repeat(100_000),
            "-".repeat(100_000) + "1",
            "1" + " ^ 1".repeat(100_000),
            "1" + " + 1".repeat(100_000),
            "abs(".repeat(100_000) + "m" + ")".repeat(100_000),
            "{a=~\"" + "(".repeat(100_000) + "\"}")) {
      PromQL.Result r = PromQL.check(q);
      assertFalse(r.valid(), q.substring(0, 20));
      assertTrue(r.problems().size() <= 2);
    }
    assertTrue(
        PromQL.check("(".repeat(150) + "1" + ")".repeat(150)).valid(), "150 levels are fine");
    assertTrue(PromQL.check("abs(".repeat(150) + "m" + ")".repeat(150)).valid());
    assertTrue(PromQL.check("m" + " or m".repeat(900)).valid(), "long chains are fine");
  }

  @Test
  void aHugeBrokenQueryGivesOneShortProblem() {
    String q = "sum(rate(m{a=\"b\"}[5m])) > ".repeat(2_200) + "(";
    PromQL.Result r = PromQL.check(q);
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).message().length() < 300, r.problems().get(0).message());
  }
}
