package io.aami.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walking a parsed tree; depth is bounded by the parser, so recursion is safe. */
public final class Trees {
  private Trees() {}

  /** The direct children of {@code e}, in source order. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.MatrixSelector m) {
      return List.of(m.selector());
    } else if (e instanceof Expr.Subquery s) {
      return List.of(s.expr());
    } else if (e instanceof Expr.Paren p) {
      return List.of(p.expr());
    } else if (e instanceof Expr.Unary u) {
      return List.of(u.expr());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.lhs(), b.rhs());
    } else if (e instanceof Expr.Aggregate a) {
      return a.param() == null ? List.of(a.expr()) : List.of(a.param(), a.expr());
    } else if (e instanceof Expr.Call c) {
      return c.args();
    }
    return List.of();
  }

  /** The vector selectors of {@code e} (also those inside range selectors), in source order. */
  public static List<Expr.VectorSelector> selectors(Expr e) {
    List<Expr.VectorSelector> selectors = new ArrayList<>();
    preorder(
        e,
        node -> {
          if (node instanceof Expr.VectorSelector v) {
            selectors.add(v);
          }
        });
    return selectors;
  }

  public static void preorder(Expr e, Consumer<Expr> visit) {
    visit.accept(e);
    for (Expr child : children(e)) {
      preorder(child, visit);
    }
  }
}
