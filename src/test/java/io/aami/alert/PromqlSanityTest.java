package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlSanityTest {
  @Test
  void wellFormedQueriesPass() {
    for (String q : List.of("up", "mount_check{group_id=\"g\"} == 0", "sum by (a) (rate(x{b=~'[a-z]+'}[5m])) > 1",
        "m{p=\"}{)(\"} # ) unbalanced in a comment", "up{}", "x{a=`raw \\ \"`}")) {
      assertEquals(List.of(), PromqlSanity.check(q), q);
    }
  }

  @Test
  void structuralProblemsAreNamedWithTheirPosition() {
    assertEquals(List.of("'(' at character 4 is never closed"), PromqlSanity.check("sum(x"));
    assertEquals(List.of("')' at character 2 closes nothing"), PromqlSanity.check("x)"));
    assertEquals(List.of("'[' at character 7 is closed by ')' at character 10"),
        PromqlSanity.check("rate(x[5m)]"));
    assertEquals(List.of("string literal at character 3 is not closed"), PromqlSanity.check("x{\"a}"));
    assertEquals(List.of("empty selector '{}' at character 1; a selector needs a metric name or a matcher"),
        PromqlSanity.check("{} == 0"));
    assertEquals(List.of("the query is empty"), PromqlSanity.check("  # only a comment"));
  }
}
