package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet-scale benchmark (10,000 targets, 500 groups, 2,000 policies, 2,000 alert rules), not a unit
 * test: it only runs with {@code mvn -B test -Dtest=ValidatorBenchmark -Daami.bench=true} and
 * prints load and validation times. The budget for the whole of {@code aami validate} is 2 s.
 */
class ValidatorBenchmark {
  private static final int GROUPS = 500;
  private static final int TARGETS = 10_000;
  private static final int POLICIES = 2_000;
  private static final int ALERT_RULES = 2_000;
  private static final int TEMPLATES = 20;

  @Test
  void fleetScale(@TempDir Path repo) throws IOException {
    assumeTrue(Boolean.getBoolean("aami.bench"), "benchmark; run with -Daami.bench=true");
    writeFleet(repo);

    RepositoryLoader loader = new RepositoryLoader();
    Validator validator = new Validator();
    for (int round = 1; round <= 5; round++) {
      long start = System.nanoTime();
      LoadResult loaded = loader.load(new WorkTreeSource(repo));
      long loadedAt = System.nanoTime();
      List<Diagnostic> problems = validator.check(loaded);
      long end = System.nanoTime();
      System.out.printf(
          "round %d: load %d ms, semantic checks %d ms%n",
          round, (loadedAt - start) / 1_000_000, (end - loadedAt) / 1_000_000);
      assertEquals(List.of(), loaded.diagnostics());
      assertEquals(List.of(), problems);
    }
  }

  private static void writeFleet(Path repo) throws IOException {
    Files.createDirectories(repo.resolve("templates"));
    Files.createDirectories(repo.resolve("policies"));
    Files.createDirectories(repo.resolve("inventory"));
    try (Writer out =
        Files.newBufferedWriter(repo.resolve("templates/checks.yaml"), StandardCharsets.UTF_8)) {
      for (int t = 0; t < TEMPLATES; t++) {
        out.write(
            "---\napiVersion: aami/v1\nkind: ScriptTemplate\nname: check-"
                + t
                + "\nscript_type: prometheus\nlanguage: bash\nversion: 1.0.0\n"
                + "script_content: \"#!/bin/bash\\necho ok\\n\"\ndefault_config:\n  paths: [/]\n"
                + "  thresholds: {warn: 80, crit: 95}\n");
      }
      out.write(
          """
                ---
                apiVersion: aami/v1
                kind: AlertTemplate
                id: alert-template
                name: CheckFailed
                severity: critical
                query_template: 'check_ok{group="{{ .group_id }}"} == 0'
                """);
    }
    try (Writer out =
        Files.newBufferedWriter(repo.resolve("inventory/groups.yaml"), StandardCharsets.UTF_8)) {
      for (int g = 0; g < GROUPS; g++) {
        out.write(
            "---\napiVersion: aami/v1\nkind: Group\nid: group-" + g + "\npriority: " + g + "\n");
      }
    }
    try (Writer out =
        Files.newBufferedWriter(repo.resolve("inventory/targets.yaml"), StandardCharsets.UTF_8)) {
      out.write("apiVersion: aami/v1\nkind: List\nitems:\n");
      for (int t = 0; t < TARGETS; t++) {
        out.write(
            "  - apiVersion: aami/v1\n    kind: Target\n    id: node-"
                + t
                + "\n    hostname: node-"
                + t
                + ".example.internal\n    address: 10.0."
                + (t / 250)
                + "."
                + (t % 250)
                + ":9100\n"
                + "    groups: [group-"
                + (t % GROUPS)
                + ", group-"
                + ((t + 1 + t / GROUPS) % GROUPS)
                + "]\n"
                + "    labels: {rack: r"
                + (t % 40)
                + "}\n");
      }
    }
    try (Writer out =
        Files.newBufferedWriter(repo.resolve("policies/policies.yaml"), StandardCharsets.UTF_8)) {
      for (int p = 0; p < POLICIES; p++) {
        out.write(
            "---\napiVersion: aami/v1\nkind: ScriptPolicy\nid: policy-"
                + p
                + "\nscope: group\ngroup_id: group-"
                + (p % GROUPS)
                + "\ntemplate_id: check-"
                + (p % TEMPLATES)
                + "\ntemplate_version: 1.0.0\n"
                + "priority: "
                + p
                + "\nconfig:\n  paths: [/data]\n  thresholds: {warn: 70}\n");
      }
    }
    try (Writer out =
        Files.newBufferedWriter(repo.resolve("policies/alerts.yaml"), StandardCharsets.UTF_8)) {
      for (int r = 0; r < ALERT_RULES; r++) {
        out.write(
            "---\napiVersion: aami/v1\nkind: AlertRule\nid: rule-"
                + r
                + "\ngroup_id: group-"
                + (r % GROUPS)
                + "\ntemplate_id: alert-template\nconfig:\n  for_duration: 5m\n");
      }
    }
  }
}
