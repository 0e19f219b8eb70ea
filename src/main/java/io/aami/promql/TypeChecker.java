package io.aami.promql;

import io.aami.promql.Expr.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks Prometheus makes on a parsed tree: argument and operand types, {@code bool} and
 * grouping rules of binary operators, aggregation parameters, selectors that must not select
 * everything, and label matcher regexes (RE2 syntax). Reports at the node the user must change.
 * Recursion is bounded by the parser's depth limit.
 */
final class TypeChecker {
  private final String src;
  private final Dialect dialect;
  private final List<Problem> problems = new ArrayList<>();

  private TypeChecker(String src, Dialect dialect) {
    this.src = src;
    this.dialect = dialect;
  }

  static List<Problem> check(String src, Expr root, Dialect dialect) {
    TypeChecker c = new TypeChecker(src, dialect);
    c.visit(root);
    return c.problems;
  }

  private void visit(Expr e) {
    if (e instanceof Expr.VectorSelector v) {
      selector(v);
    } else if (e instanceof Expr.MatrixSelector m) {
      selector(m.selector());
    } else if (e instanceof Expr.Subquery s) {
      visit(s.expr());
      if (s.expr().type() != ValueType.VECTOR) {
        error(
            s.expr().span(),
            "subquery is only allowed on an instant vector, got "
                + s.expr().type().description()
                + " instead");
      }
    } else if (e instanceof Expr.Paren p) {
      visit(p.expr());
    } else if (e instanceof Expr.Unary u) {
      visit(u.expr());
      ValueType t = u.expr().type();
      if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
        error(
            u.span(),
            "unary expression only allowed on expressions of type scalar or instant"
                + " vector, got "
                + t.description());
      }
    } else if (e instanceof Expr.Binary b) {
      binary(b);
    } else if (e instanceof Expr.Aggregate a) {
      aggregate(a);
    } else if (e instanceof Expr.Call c) {
      call(c);
    }
  }

  private void selector(Expr.VectorSelector v) {
    boolean nonEmpty = v.name() != null && !v.name().isEmpty();
    for (Matcher m : v.matchers()) {
      if (v.name() != null && m.name().equals("__name__")) {
        error(
            m.span(),
            "metric name must not be set twice: \""
                + v.name()
                + "\" and the matcher on"
                + " __name__");
      }
      if (m.op().isRegex()) {
        Optional<Re2.SyntaxError> bad = Re2.check(m.value(), dialect);
        if (bad.isPresent()) {
          error(
              Span.at(regexOffset(m, bad.get().offset())),
              "invalid regular expression in the"
                  + " matcher on "
                  + m.name()
                  + ": "
                  + bad.get().message());
          continue;
        }
      }
      nonEmpty |= !matchesEmpty(m);
    }
    if (!nonEmpty) {
      error(
          v.span(),
          "vector selector must contain at least one matcher that does not match the"
              + " empty string, e.g. a metric name or job=~\".+\"");
    }
  }

  private static boolean matchesEmpty(Matcher m) {
    return switch (m.op()) {
      case EQUAL -> m.value().isEmpty();
      case NOT_EQUAL -> !m.value().isEmpty();
      case REGEX -> Re2.matchesEmpty(m.value());
      case NOT_REGEX -> !Re2.matchesEmpty(m.value());
    };
  }

  /**
   * The query offset of character {@code i} of the matcher's regex: exact when the literal has no
   * escapes (the common case), else the literal's first character.
   */
  private int regexOffset(Matcher m, int i) {
    String raw = src.substring(m.valueSpan().start(), m.valueSpan().end());
    if (raw.startsWith("`") || raw.indexOf('\\') < 0) {
      return Math.min(m.valueSpan().start() + 1 + i, m.valueSpan().end() - 1);
    }
    return m.valueSpan().start();
  }

  private void binary(Expr.Binary b) {
    visit(b.lhs());
    visit(b.rhs());
    ValueType lt = b.lhs().type();
    ValueType rt = b.rhs().type();
    if (b.returnBool() && !b.isComparison()) {
      error(b.opSpan(), "bool modifier can only be used on comparison operators");
    }
    if (b.isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
      error(
          b.opSpan(),
          "comparisons between scalars must use the bool modifier ('" + b.op() + " bool')");
    }
    Expr.VectorMatching vm = b.matching();
    if (vm != null && !vm.group().isEmpty()) {
      Set<String> matching = new HashSet<>(vm.labels());
      for (String l : vm.include()) {
        if (vm.on() && matching.contains(l)) {
          error(
              vm.span(),
              "label \""
                  + l
                  + "\" must not occur in on(...) and group_"
                  + vm.group()
                  + "(...) at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      error(
          b.lhs().span(),
          "binary expression must contain only scalar and instant vector types,"
              + " got "
              + lt.description()
              + " on the left of '"
              + b.op()
              + "'");
      return;
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      error(
          b.rhs().span(),
          "binary expression must contain only scalar and instant vector types,"
              + " got "
              + rt.description()
              + " on the right of '"
              + b.op()
              + "'");
      return;
    }
    boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
    if (!bothVectors && vm != null && (!vm.labels().isEmpty() || !vm.group().isEmpty())) {
      error(
          vm.span(),
          "vector matching (on, ignoring, group_left, group_right) only allowed"
              + " between instant vectors");
    } else if (bothVectors && b.isSetOperation() && vm != null && !vm.group().isEmpty()) {
      error(vm.span(), "no grouping allowed for \"" + b.op() + "\" operation");
    }
    if (!bothVectors && b.isSetOperation()) {
      error(
          b.opSpan(),
          "set operator \""
              + b.op()
              + "\" not allowed in binary scalar expression:"
              + " and, or and unless need instant vectors on both sides");
    }
  }

  private void aggregate(Expr.Aggregate a) {
    if (a.param() != null) {
      visit(a.param());
      ValueType wanted = a.op().equals("count_values") ? ValueType.STRING : ValueType.SCALAR;
      expect(a.param(), wanted, "aggregation parameter of " + a.op());
    }
    visit(a.expr());
    expect(a.expr(), ValueType.VECTOR, "aggregation expression of " + a.op());
  }

  private void call(Expr.Call c) {
    Functions.Function fn = c.function();
    int n = c.args().size();
    if (n < fn.minArgs() || n > fn.maxArgs()) {
      String count =
          fn.minArgs() == fn.maxArgs()
              ? String.valueOf(fn.minArgs())
              : n < fn.minArgs() ? "at least " + fn.minArgs() : "at most " + fn.maxArgs();
      error(
          c.span(),
          "expected "
              + count
              + " argument(s) in call to \""
              + fn.name()
              + "\", got "
              + n
              + signature(fn));
      return;
    }
    for (int i = 0; i < n; i++) {
      Expr arg = c.args().get(i);
      visit(arg);
      expect(arg, fn.argType(i), "call to function \"" + fn.name() + "\"");
    }
  }

  private static String signature(Functions.Function fn) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < fn.args().size(); i++) {
      String a = fn.args().get(i).description();
      boolean optional = fn.optional() != 0 && i == fn.args().size() - 1;
      args.add(optional ? "[" + a + (fn.optional() < 0 ? ", ..." : "") + "]" : a);
    }
    return " (" + fn.name() + "(" + String.join(", ", args) + "))";
  }

  private void expect(Expr e, ValueType wanted, String context) {
    if (e.type() != wanted) {
      String hint =
          wanted == ValueType.MATRIX && e instanceof Expr.VectorSelector
              ? "; add a range such as [5m]"
              : "";
      error(
          e.span(),
          "expected type "
              + wanted.description()
              + " in "
              + context
              + ", got "
              + e.type().description()
              + hint);
    }
  }

  private void error(Span span, String message) {
    problems.add(Problem.error(span, message));
  }
}
