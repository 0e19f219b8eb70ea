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
   * {@code expr} is present when the query parsed; {@code problems} holds at most one syntax
   * error, or the type errors, then warnings (experimental functions), in query order.
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

  public static Result check(String query) {
    return check(query, Dialect.PROMETHEUS_3);
  }

  public static Result check(String query, Dialect dialect) {
    Parser.Outcome parsed = Parser.parse(query, dialect);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    if (parsed.expr() != null) {
      problems.addAll(0, TypeChecker.check(query, parsed.expr(), dialect));
    }
    problems.sort(java.util.Comparator.comparing(Problem::level)
        .thenComparingInt(p -> p.span().start()));
    return new Result(Optional.ofNullable(parsed.expr()), problems);
  }
}
