package io.aami.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.alert.PrometheusRuleSettings;
import io.aami.fleet.FleetHealthSettings;
import io.aami.model.Settings;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aami.yaml goes through {@code schemas/settings.schema.json} like documents through their kind's
 * schema: located errors with hints, the invalid parts left out, and the schema and the docs
 * listing the same keys.
 */
class SettingsSchemaTest {
  @TempDir Path dir;

  private Cli validate(String settings) {
    new TestRepo(dir)
        .file("aami.yaml", settings)
        .file("inventory/g.yaml", TestRepo.group("web", 0));
    return Cli.run("validate", "--repo", dir.toString());
  }

  private static List<String> settingsLines(Cli run) {
    return run.err().lines().filter(line -> line.startsWith("aami.yaml:")).toList();
  }

  @Test
  void wrongSettingsAreLocatedErrorsWithHints() {
    Cli run =
        validate(
            """
            fleet_health:
              enabeld: false
              not_running_intervals: many
              severity: page
            publish:
              inline_checks: yes please
            prometheus:
              basic_auth: {username: ci, password_env: PASSWORD, pasword_file: /run/p}
            external_metrics: kube_*
            """);
    assertEquals(1, run.exitCode(), run.err());
    assertEquals(
        List.of(
            "aami.yaml:2:3: error[settings]: unknown field 'enabeld'; did you mean 'enabled'?",
            "aami.yaml:3:26: error[settings]: 'fleet_health.not_running_intervals' must be an"
                + " integer, not the string many",
            "aami.yaml:4:13: error[settings]: invalid value 'page': must be one of critical,"
                + " warning, info",
            "aami.yaml:6:18: error[settings]: 'publish.inline_checks' must be true or false, not"
                + " the string yes please",
            "aami.yaml:8:54: error[settings]: unknown field 'pasword_file'; did you mean"
                + " 'password_file'?",
            "aami.yaml:9:19: error[settings]: 'external_metrics' must be a list, not the string"
                + " kube_*"),
        settingsLines(run));
  }

  @Test
  void aMisspeltSectionIsAnErrorWithTheFixAndAnUnknownOneListsTheSections() {
    assertEquals(
        List.of(
            "aami.yaml:1:1: error[settings]: unknown field 'fleet_heath'; did you mean"
                + " 'fleet_health'?",
            "aami.yaml:3:1: error[settings]: unknown field 'grafana'; known: agent, alerts,"
                + " external_metrics, fleet_health, prometheus, prometheus_rule, publish, validate"),
        settingsLines(validate("fleet_heath:\n  enabled: false\ngrafana: {}\n")));
  }

  @Test
  void whatIsInvalidIsLeftOutAndTheRestOfTheSectionApplies() {
    LoadResult loaded =
        new TestRepo(dir)
            .file(
                "aami.yaml",
                """
                agent:
                  interval: 2m
                fleet_health:
                  severity: page
                  node_behind_for: 1h
                prometheus_rule:
                  namespace: Monitoring
                  labels: {release: prometheus, "bad label": x}
                """)
            .loadResult();
    assertEquals(3, loaded.diagnostics().size(), loaded.diagnostics().toString());
    Settings settings = loaded.repository().settings();
    FleetHealthSettings fleet = FleetHealthSettings.parse(settings);
    assertEquals("warning", fleet.severity());
    assertEquals("1h", fleet.nodeBehindFor());
    assertEquals(120, fleet.agentIntervalSeconds());
    PrometheusRuleSettings crd = PrometheusRuleSettings.of(settings);
    assertEquals(Optional.empty(), crd.namespace());
    assertEquals(Map.of("release", "prometheus"), crd.labels());
  }

  @Test
  void aSectionLeftEmptyMeansItsDefaults() {
    Cli run = validate("publish:\nfleet_health: ~\nexternal_metrics:\n");
    assertEquals(List.of(), settingsLines(run));
  }

  @Test
  void theSchemaAndTheFormatDocumentListTheSameKeys() throws IOException {
    Path root = Golden.projectDir();
    JsonNode schema =
        new ObjectMapper().readTree(root.resolve("schemas/settings.schema.json").toFile());
    Set<String> inSchema = new TreeSet<>();
    collectKeys(schema.get("properties"), "", inSchema);

    String format = Files.readString(root.resolve("docs/FORMAT.md"));
    String table = format.substring(format.indexOf("## `aami.yaml`: repository settings"));
    table = table.substring(0, table.indexOf("\n## "));
    Set<String> inDocs = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_.]+)` \\|").matcher(table);
    while (row.find()) {
      inDocs.add(row.group(1));
    }
    assertTrue(inSchema.size() > 30, inSchema.toString());
    assertEquals(inSchema, inDocs);
  }

  private static void collectKeys(JsonNode properties, String prefix, Set<String> into) {
    properties
        .properties()
        .forEach(
            p -> {
              into.add(prefix + p.getKey());
              if (p.getValue().has("properties")) {
                collectKeys(p.getValue().get("properties"), prefix + p.getKey() + ".", into);
              }
            });
  }
}
