package io.aami.alert;

import io.aami.promql.Expr;
import io.aami.promql.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which labels the result of a query can carry, as far as the query alone says: a selector can
 * carry any label; {@code sum by (a)} only {@code a}; {@code without (a)} anything but {@code a};
 * {@code on(a)} matching only {@code a}. Keeps the place that restricted the set, so a warning can
 * name it.
 *
 * @param any true when every label not in {@code names} is possible; false when only {@code names}
 *     are
 * @param place the expression that restricted the set (null when nothing did)
 */
record ResultLabels(boolean any, Set<String> names, Span place) {
  static final ResultLabels ANY = new ResultLabels(true, Set.of(), null);

  boolean canCarry(String label) {
    return any != names.contains(label);
  }

  static ResultLabels of(Expr e) {
    if (e instanceof Expr.VectorSelector || e instanceof Expr.MatrixSelector) {
      return ANY;
    } else if (e instanceof Expr.Subquery s) {
      return of(s.expr());
    } else if (e instanceof Expr.Paren p) {
      return of(p.expr());
    } else if (e instanceof Expr.Unary u) {
      return of(u.expr());
    } else if (e instanceof Expr.Aggregate a) {
      return aggregate(a);
    } else if (e instanceof Expr.Call c) {
      return call(c);
    } else if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    return new ResultLabels(false, Set.of(), e.span());
  }

  private static ResultLabels aggregate(Expr.Aggregate a) {
    ResultLabels inner = of(a.expr());
    switch (a.op()) {
      case "topk", "bottomk", "limitk", "limit_ratio" -> {
        return inner;
      }
      default -> {}
    }
    Set<String> extra = new HashSet<>();
    if (a.op().equals("count_values") && a.param() instanceof Expr.StringLiteral s) {
      extra.add(s.value());
    }
    if (a.grouping() == null) {
      return new ResultLabels(false, extra, a.span());
    }
    Span place =
        a.groupingSpan().start() < a.expr().span().start()
            ? new Span(a.span().start(), a.groupingSpan().end())
            : a.groupingSpan();
    if (a.without()) {
      Set<String> excluded = new HashSet<>(a.grouping());
      excluded.removeAll(extra);
      return new ResultLabels(true, union(excluded, inner.any ? inner.names : Set.of()), place);
    }
    Set<String> kept = new HashSet<>(a.grouping());
    kept.addAll(extra);
    return new ResultLabels(false, kept, place);
  }

  private static ResultLabels call(Expr.Call c) {
    String name = c.function().name();
    switch (name) {
      case "vector", "time", "pi", "scalar" -> {
        return new ResultLabels(false, Set.of(), c.span());
      }
      case "label_replace", "label_join" -> {
        ResultLabels inner = of(c.args().get(0));
        if (c.args().size() > 1 && c.args().get(1) instanceof Expr.StringLiteral dst) {
          return inner.with(dst.value());
        }
        return ANY;
      }
      case "absent", "absent_over_time" -> {
        return ANY;
      }
      default -> {}
    }
    for (Expr arg : c.args()) {
      if (arg.type() == io.aami.promql.ValueType.VECTOR
          || arg.type() == io.aami.promql.ValueType.MATRIX) {
        ResultLabels inner = of(arg);
        return name.startsWith("histogram_") ? inner.without("le", c.span()) : inner;
      }
    }
    return ANY;
  }

  private static ResultLabels binary(Expr.Binary b) {
    boolean lv = b.lhs().type() == io.aami.promql.ValueType.VECTOR;
    boolean rv = b.rhs().type() == io.aami.promql.ValueType.VECTOR;
    if (!lv || !rv) {
      return lv ? of(b.lhs()) : rv ? of(b.rhs()) : new ResultLabels(false, Set.of(), b.span());
    }
    ResultLabels lhs = of(b.lhs());
    ResultLabels rhs = of(b.rhs());
    if (b.op().equals("or")) {
      if (lhs.any || rhs.any) {
        Set<String> excluded = new HashSet<>(lhs.any ? lhs.names : Set.of());
        if (rhs.any) {
          excluded.retainAll(rhs.names);
        }
        return new ResultLabels(true, lhs.any && rhs.any ? excluded : Set.of(), null);
      }
      return new ResultLabels(false, union(lhs.names, rhs.names), lhs.place);
    }
    if (b.isSetOperation()) {
      return lhs;
    }
    Expr.VectorMatching vm = b.matching();
    if (vm == null) {
      return lhs;
    }
    if (vm.group().isEmpty()) {
      return vm.on()
          ? new ResultLabels(false, Set.copyOf(vm.labels()), vm.span())
          : lhs.without(vm.labels(), vm.span());
    }
    ResultLabels many = vm.group().equals("left") ? lhs : rhs;
    for (String l : vm.include()) {
      many = many.with(l);
    }
    return many;
  }

  private ResultLabels with(String label) {
    Set<String> n = new HashSet<>(names);
    if (any) {
      n.remove(label);
    } else {
      n.add(label);
    }
    return new ResultLabels(any, n, place);
  }

  private ResultLabels without(String label, Span at) {
    return without(List.of(label), at);
  }

  private ResultLabels without(List<String> labels, Span at) {
    Set<String> n = new HashSet<>(names);
    if (any) {
      n.addAll(labels);
    } else {
      labels.forEach(n::remove);
    }
    return new ResultLabels(any, n, at);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
