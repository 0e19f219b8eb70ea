package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check with the real promtool (skipped when it is not installed): 400 generated expressions,
 * valid and mutated, in one rule file; promtool's verdict on each must equal the front end's in its
 * Prometheus 2 dialect (Debian's promtool is 2.42). The 3.x dialect may only accept more, never
 * less, and exactly in the documented ways (docs/VALIDATE.md).
 */
class PromtoolCrossCheckTest {
  private static final int COUNT = Integer.getInteger("crosscheck.count", 400);
  private static final Pattern FAILED_RULE = Pattern.compile("rule (\\d+), ");

  @Test
  void verdictsAgreeWithPromtool(@TempDir Path dir) throws Exception {
    assumeTrue(promtoolAvailable(), "promtool is not installed; skipping the cross-check");
    List<String> exprs = new ArrayList<>();
    ExpressionGenerator generator =
        new ExpressionGenerator(Long.getLong("crosscheck.seed", 20261129L));
    while (exprs.size() < COUNT) {
      String e = generator.next();
      if (!e.isBlank() && e.indexOf('\n') < 0) {
        exprs.add(e);
      }
    }
    Set<Integer> refusedByPromtool = promtoolRefusals(dir, exprs);
    List<String> disagreements = new ArrayList<>();
    int valid = 0;
    for (int i = 0; i < exprs.size(); i++) {
      boolean promtoolAccepts = !refusedByPromtool.contains(i + 1);
      PromQL.Result v2 = PromQL.check(exprs.get(i), Dialect.PROMETHEUS_2);
      valid += promtoolAccepts ? 1 : 0;
      if (v2.valid() != promtoolAccepts) {
        disagreements.add(
            (promtoolAccepts
                    ? "promtool accepts, aami refuses: "
                    : "promtool refuses," + " aami accepts: ")
                + exprs.get(i)
                + "  ("
                + v2.firstError().map(Problem::message).orElse("")
                + ")");
      }
      if (v2.valid()) {
        assertTrue(
            PromQL.check(exprs.get(i)).valid(), "3.x accepts what 2.x accepts: " + exprs.get(i));
      }
    }
    assertTrue(valid > COUNT / 4 && valid < COUNT * 3 / 4, "a mix of valid and invalid: " + valid);
    assertEquals(List.of(), disagreements);
  }

  private static Set<Integer> promtoolRefusals(Path dir, List<String> exprs) throws Exception {
    StringBuilder yaml = new StringBuilder("groups:\n- name: g\n  rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      yaml.append("  - alert: a")
          .append(i)
          .append("\n    expr: '")
          .append(exprs.get(i).replace("'", "''"))
          .append("'\n");
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, yaml, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("promtool", "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool finished");
    Set<Integer> refused = new HashSet<>();
    for (String line : out.split("\n", -1)) {
      Matcher m = FAILED_RULE.matcher(line);
      if (m.find()) {
        refused.add(Integer.parseInt(m.group(1)));
      }
    }
    return refused;
  }

  private static boolean promtoolAvailable() {
    try {
      Process p = new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
