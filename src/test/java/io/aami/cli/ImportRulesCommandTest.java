package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testsupport.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami import rules} end to end on a repository made by {@code aami init}, with the corpus
 * under {@code src/test/resources/import/rules} (written in the shapes of public collections: a
 * mixin's rendered recording and alerting rules, multi-document PrometheusRule manifests, a {@code
 * kind: List}, a Mimir namespace, Go templates in annotations).
 */
class ImportRulesCommandTest {
  static final Path CORPUS = Golden.projectDir().resolve("src/test/resources/import/rules");

  @TempDir Path dir;
  Path repo;

  @BeforeEach
  void init() {
    repo = dir.resolve("repo");
    Cli cli = Cli.run("init", repo.toString());
    assertEquals(0, cli.exitCode(), cli.err());
  }

  /** {@code aami import rules|script --repo REPO ARGS...}: --repo belongs to the subcommand. */
  private Cli aami(String... args) {
    List<String> line = new ArrayList<>(List.of(args).subList(0, 2));
    line.add("--repo");
    line.add(repo.toString());
    line.addAll(List.of(args).subList(2, args.length));
    return Cli.run(line.toArray(String[]::new));
  }

  private static String corpus(String file) {
    return CORPUS.resolve(file).toString();
  }

  @Test
  void aMixinImportsValidatesRendersPassesPromtoolAndVerifiesWithOnlyTheGroupIdLabel()
      throws Exception {
    Cli imported = aami("import", "rules", "--group", "all-nodes", corpus("node-mixin.yaml"));
    assertEquals(0, imported.exitCode(), imported.err());
    assertTrue(
        imported.err().contains("imported 4 alerting and 4 recording rules in 2 rule group(s)"),
        imported.err());
    Cli validate = Cli.run("validate", "--repo", repo.toString());
    assertEquals(0, validate.exitCode(), validate.err());

    Cli verify =
        aami("import", "rules", "--verify", "--group", "all-nodes", corpus("node-mixin.yaml"));
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertEquals(
        "verified 8 rules: 0 identical, 8 differing only by the group_id label aami adds,"
            + " 0 differing\n",
        verify.out());

    Path site = dir.resolve("site");
    Cli render = Cli.run("render", "--repo", repo.toString(), "-o", site.toString());
    assertEquals(0, render.exitCode(), render.err());
    String rules = Files.readString(site.resolve("prometheus/rules/all-nodes.yaml"));
    assertTrue(rules.contains("  - name: node-exporter\n    interval: 1m\n"), rules);
    assertTrue(rules.contains("      - alert: Watchdog\n"), "exact name kept: " + rules);
    assertTrue(
        rules.indexOf("record: instance:node_cpu_utilisation:rate5m")
            < rules.indexOf("record: instance:node_load1_per_cpu:ratio"),
        "source order kept");
    promtoolAccepts(site.resolve("prometheus/rules"));
  }

  @Test
  void manifestsListsAndNamespacesImportAsGlobalRulesAndVerifyIdentical() throws Exception {
    for (String file : List.of("kube-manifests.yaml", "kube-list.yaml", "mimir-namespace.yaml")) {
      Cli cli = aami("import", "rules", "--scope", "global", corpus(file));
      assertEquals(0, cli.exitCode(), file + ": " + cli.err());
    }
    Cli verify =
        aami(
            "import",
            "rules",
            "--verify",
            "--scope",
            "global",
            corpus("kube-manifests.yaml"),
            corpus("kube-list.yaml"),
            corpus("mimir-namespace.yaml"));
    assertEquals(0, verify.exitCode(), verify.err());
    assertEquals(
        "verified 6 rules: 6 identical, 0 differing only by the group_id label aami adds,"
            + " 0 differing\n",
        verify.out());
    Path site = dir.resolve("site");
    assertEquals(0, Cli.run("render", "--repo", repo.toString(), "-o", site.toString()).exitCode());
    String global = Files.readString(site.resolve("prometheus/rules/aami-global.yaml"));
    assertTrue(
        global.contains("- name: kube-apiserver-burnrate.rules\n    interval: 30s\n"), global);
    assertTrue(global.contains("{{ with query \"pg_settings_max_connections\" }}"), global);
    promtoolAccepts(site.resolve("prometheus/rules"));
    String crd = Files.readString(site.resolve("prometheus/operator/aami-global.yaml"));
    assertTrue(crd.contains("record: apiserver_request:burnrate5m"), crd);
    String mimir = Files.readString(site.resolve("prometheus/mimir/aami-global.yaml"));
    assertTrue(
        mimir.indexOf("record: node_namespace_pod:kubelet_running_pods:sum")
            < mimir.indexOf("alert: KubeletTooManyPods"),
        "recording rules first: " + mimir);
  }

  @Test
  void commentsSeveritiesAndValuesAreCarriedOverAsWritten() throws IOException {
    assertEquals(
        0, aami("import", "rules", "--group", "all-nodes", corpus("node-mixin.yaml")).exitCode());
    String alerts =
        Files.readString(repo.resolve("policies/imported/all-nodes/node-exporter.yaml"));
    assertTrue(
        alerts.contains(
            """
        # Fires on every Prometheus so the pipeline to Alertmanager is known to work; routed to a
        # dead man's switch by alertname.
        apiVersion: aami/v1
        kind: AlertRule
        id: all-nodes-node-exporter-003-watchdog
        group_id: all-nodes
        name: Watchdog
        exact_name: true
        query_template: vector(1)
        config:
          labels:
            severity: none
        """),
        alerts);
    assertTrue(alerts.contains("severity: critical\n"), "an aami severity becomes the field");
    String records =
        Files.readString(repo.resolve("policies/imported/all-nodes/node-exporter.rules.yaml"));
    assertTrue(
        records.contains(
            """
        # Average CPU busy ratio per instance, the basis of the CPU alerts below.
        apiVersion: aami/v1
        kind: RecordingRule
        """),
        records);
  }

  @Test
  void dryRunPrintsTheFilesAndWritesNothing() {
    Cli cli =
        aami(
            "import", "rules", "--dry-run", "--group", "all-nodes", corpus("mimir-namespace.yaml"));
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("+name: PostgresDown"), cli.out());
    assertTrue(cli.err().contains("dry run: nothing was written"), cli.err());
    assertFalse(Files.exists(repo.resolve("policies/imported")));
  }

  @Test
  void readsStdin() {
    ImportSources.stdin =
        new ByteArrayInputStream(
            """
        groups:
          - name: piped
            rules:
              - alert: Piped
                expr: up == 0
        """
                .getBytes(StandardCharsets.UTF_8));
    try {
      Cli cli = aami("import", "rules", "--scope", "global", "-");
      assertEquals(0, cli.exitCode(), cli.err());
      assertTrue(Files.exists(repo.resolve("policies/imported/global/piped.yaml")));
    } finally {
      ImportSources.stdin = System.in;
    }
  }

  @Test
  void aRuleThatCannotBeImportedIsReportedAtItsLineAndNothingIsWritten() throws IOException {
    Path source = dir.resolve("bad.yaml");
    Files.writeString(
        source,
        """
        groups:
          - name: mixed
            rules:
              - alert: Fine
                expr: up == 0
              - alert: Typo
                expr: up == 0
                annotation:
                  summary: misspelt field
              - record: job:up:sum
                expr: sum by (job) (up)
                for: 5m
        """);
    Cli cli = aami("import", "rules", "--group", "all-nodes", source.toString());
    assertEquals(1, cli.exitCode());
    assertTrue(
        cli.err()
            .contains(
                source
                    + ":8:9: error[import/rule]: rule group 'mixed', alert"
                    + " 'Typo': unknown rule field 'annotation'"),
        cli.err());
    assertTrue(
        cli.err()
            .contains(
                source
                    + ":12:9: error[import/rule]: rule group 'mixed', record"
                    + " 'job:up:sum': a recording rule cannot have for"),
        cli.err());
    assertTrue(cli.err().contains("nothing was written"), cli.err());
    assertFalse(Files.exists(repo.resolve("policies/imported")));
  }

  @Test
  void helmTemplatesAreRefusedWithTheCommandThatRendersThem() throws IOException {
    Path source = dir.resolve("chart.yaml");
    Files.writeString(
        source,
        """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: {{ include "app.fullname" . }}
        spec:
          groups: []
        """);
    Cli cli = aami("import", "rules", "--group", "all-nodes", source.toString());
    assertEquals(1, cli.exitCode());
    assertTrue(
        cli.err().contains(source + ":4:1: error[import/source]: this looks like a Helm template"),
        cli.err());
    assertTrue(cli.err().contains("helm template"), cli.err());
  }

  @Test
  void otherKindsAndEmptyFilesAreNotRuleFiles() throws IOException {
    Path source = dir.resolve("deploy.yaml");
    Files.writeString(source, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
    Cli cli = aami("import", "rules", "--group", "all-nodes", source.toString());
    assertEquals(1, cli.exitCode());
    assertTrue(
        cli.err()
            .contains(
                source
                    + ":2:7: error[import/source]: kind 'Deployment' holds no"
                    + " Prometheus rules"),
        cli.err());
  }

  @Test
  void aResultThatWouldNotValidateNamesTheSourceRuleAndWritesNothing() throws IOException {
    Path source = dir.resolve("broken.yaml");
    Files.writeString(
        source,
        """
        groups:
          - name: broken
            rules:
              - alert: Broken
                expr: rate(up[5m] > 1
        """);
    Cli cli = aami("import", "rules", "--group", "all-nodes", source.toString());
    assertEquals(1, cli.exitCode());
    assertTrue(cli.err().contains("error[alert/promql]"), cli.err());
    assertTrue(cli.err().contains("(imported from " + source + ":4:9)"), cli.err());
    assertFalse(Files.exists(repo.resolve("policies/imported")));
  }

  @Test
  void importingTheSameGroupTwiceIsRefusedAndAnUnknownGroupToo() {
    assertEquals(
        0,
        aami("import", "rules", "--group", "all-nodes", corpus("mimir-namespace.yaml")).exitCode());
    Cli again = aami("import", "rules", "--group", "all-nodes", corpus("mimir-namespace.yaml"));
    assertEquals(1, again.exitCode());
    assertTrue(again.err().contains("postgres.alerts.yaml exists already"), again.err());
    Cli unknown = aami("import", "rules", "--group", "nope", corpus("mimir-namespace.yaml"));
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("error[ref/group]"), unknown.err());
  }

  @Test
  void verifyReportsEveryDifferenceAtTheSourceRule() throws IOException {
    assertEquals(
        0, aami("import", "rules", "--scope", "global", corpus("mimir-namespace.yaml")).exitCode());
    Path edited = repo.resolve("policies/imported/global/postgres.alerts.yaml");
    Files.writeString(
        edited,
        Files.readString(edited)
            .replace("for_duration: 5m", "for_duration: 6m")
            .replaceFirst("summary: .*", "summary: Postgres down"));
    Cli verify =
        aami("import", "rules", "--verify", "--scope", "global", corpus("mimir-namespace.yaml"));
    assertEquals(1, verify.exitCode());
    String source = corpus("mimir-namespace.yaml");
    assertTrue(
        verify
            .err()
            .contains(
                source
                    + ":7:9: error[import/verify]: alert 'PostgresDown': for:"
                    + " source '5m', rendered '6m'"),
        verify.err());
    assertTrue(
        verify
            .err()
            .contains(
                "alert 'PostgresDown': annotations.summary: source 'Postgres on"
                    + " {{ $labels.instance }} is down', rendered 'Postgres down'"),
        verify.err());
    assertTrue(verify.out().contains("verified 2 rules: 1 identical"), verify.out());
  }

  static void promtoolAccepts(Path rules) throws Exception {
    Tools.assumeOnPath("promtool");
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    try (Stream<Path> files = Files.list(rules)) {
      files.sorted().forEach(f -> command.add(f.toString()));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
  }
}
