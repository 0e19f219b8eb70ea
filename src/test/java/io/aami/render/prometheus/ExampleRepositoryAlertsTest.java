package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import io.aami.alert.AlertChecks;
import io.aami.model.Repository;
import io.aami.testing.Cli;
import io.aami.testing.Trees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The example repository at the project root: its alerts validate (one documented warning), render
 * as the seed's step 6 and example 2 describe, and pass promtool.
 */
class ExampleRepositoryAlertsTest {
  private static final Path ROOT = Path.of(System.getProperty("aami.projectDir", "."));

  @TempDir Path out;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> onlyRule(String ruleFile) {
    Map<String, Object> doc = new Yaml().load(ruleFile);
    List<Map<String, Object>> groups = (List<Map<String, Object>>) doc.get("groups");
    List<Map<String, Object>> rules =
        ((List<Map<String, Object>>) groups.get(0).get("rules"))
            .stream().filter(r -> r.containsKey("alert")).toList(); // the example's recording rule
    assertEquals(1, rules.size());
    return rules.get(0);
  }

  @Test
  void alertsValidateCleanBecauseTheMultiGroupRuleMatchesAamiGroups() {
    Repository repo = AlertRepos.load(ROOT);
    assertEquals(List.of(), AlertChecks.check(repo));
    Map<String, Object> critical =
        onlyRule(AlertRepos.renderAll(repo).get("prometheus/rules/critical-services.yaml"));
    assertEquals(
        "disk_usage_percent{ aami_groups=~\".*,critical-services,.*\" } > 70",
        critical.get("expr"));
  }

  @Test
  void rendersTheSeedsRules() {
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(ROOT));
    Map<String, Object> gpu = onlyRule(rendered.get("prometheus/rules/gpu-cluster.yaml"));
    assertEquals("MountPointUnavailable_gpu-cluster", gpu.get("alert"));
    assertEquals("mount_check{group_id=\"gpu-cluster\"} == 0", gpu.get("expr"));
    assertEquals("2m", gpu.get("for"));
    assertEquals(
        Map.of(
            "severity",
            "critical",
            "group_id",
            "gpu-cluster",
            "team",
            "infra",
            "component",
            "storage",
            "escalation",
            "immediate"),
        gpu.get("labels"));
    assertEquals(
        Map.of(
            "summary",
            "마운트 포인트 {{ $labels.path }} 접근 불가",
            "description",
            "{{ $labels.instance }}에서 {{ $labels.path }}가 2m 이상 접근 불가 상태입니다."),
        gpu.get("annotations"));

    Map<String, Object> storage = onlyRule(rendered.get("prometheus/rules/storage-cluster.yaml"));
    assertEquals("10m", storage.get("for"));
    assertEquals("warning", ((Map<?, ?>) storage.get("labels")).get("severity"));

    Map<String, Object> critical =
        onlyRule(rendered.get("prometheus/rules/critical-services.yaml"));
    assertEquals("HighDiskUsage_critical-services", critical.get("alert"));
    assertEquals(
        "disk_usage_percent{ aami_groups=~\".*,critical-services,.*\" } > 70",
        critical.get("expr"));
    assertEquals("5m", critical.get("for"));
    assertEquals("critical", ((Map<?, ?>) critical.get("labels")).get("severity"));

    Map<String, Object> development = onlyRule(rendered.get("prometheus/rules/development.yaml"));
    assertEquals("HighDiskUsage_development", development.get("alert"));
    assertEquals("disk_usage_percent{group_id=\"development\"} > 90", development.get("expr"));
    assertEquals("15m", development.get("for"));
    assertEquals("warning", ((Map<?, ?>) development.get("labels")).get("severity"));

    assertTrue(
        rendered.get("prometheus/operator/gpu-cluster.yaml").contains("  namespace: monitoring\n"));
  }

  @Test
  void renderedPrometheusRulesMatchTheCrdSchema() throws Exception {
    Schema schema = PrometheusRuleSchemaTest.schema();
    Map<String, String> crds = new TreeMap<>();
    AlertRepos.renderAll(AlertRepos.load(ROOT))
        .forEach(
            (path, text) -> {
              if (path.startsWith(PrometheusRuleCrdRenderer.DIRECTORY)) {
                crds.put(path, text);
              }
            });
    assertEquals(4, crds.size());
    crds.forEach(
        (path, text) ->
            assertEquals(List.of(), PrometheusRuleSchemaTest.errors(schema, text), path));
  }

  /**
   * {@code aami render} twice: a group whose only rule is disabled loses its rule file and its
   * PrometheusRule, keeps its scrape targets, and every other published file stays as it was.
   */
  @Test
  void disablingAGroupsLastRuleRemovesItsRuleFilesOnTheNextRender() throws Exception {
    Path repo = out.resolve("repo");
    for (String input : List.of("templates", "policies", "inventory")) {
      Trees.copy(ROOT.resolve(input), repo.resolve(input));
    }
    Files.copy(ROOT.resolve("aami.yaml"), repo.resolve("aami.yaml"));
    Path published = out.resolve("public");
    Cli first = Cli.run("render", "--repo", repo.toString(), "--out", published.toString());
    assertEquals(0, first.exitCode(), first.err());
    Map<String, String> before = Trees.readTextTree(published);
    assertTrue(
        before.containsKey("prometheus/rules/storage-cluster.yaml"), before.keySet().toString());

    Path rules = repo.resolve("policies/alerts/mount-point-unavailable.yaml");
    String text = Files.readString(rules, StandardCharsets.UTF_8);
    String disabled =
        text.replace(
            "group_id: storage-cluster\nenabled: true",
            "group_id: storage-cluster\nenabled: false");
    assertTrue(!disabled.equals(text), "the storage-cluster rule is enabled in the example");
    Files.writeString(rules, disabled, StandardCharsets.UTF_8);
    Cli second = Cli.run("render", "--repo", repo.toString(), "--out", published.toString());
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("(0 added, 1 changed, 3 removed)"), second.out());

    Map<String, String> after = Trees.readTextTree(published);
    Map<String, String> expected = new TreeMap<>(before);
    expected.remove("prometheus/rules/storage-cluster.yaml");
    expected.remove("prometheus/operator/storage-cluster.yaml");
    expected.remove("prometheus/mimir/storage-cluster.yaml");
    expected.remove("manifest.json");
    after.remove("manifest.json");
    assertEquals(expected, after);
    assertTrue(
        after.containsKey("prometheus/file_sd/storage-cluster.json"),
        "its targets are still scraped");
  }

  @Test
  void renderedRuleFilesPassPromtool() throws Exception {
    Path promtool = PromtoolCheckTest.requirePromtool();
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> f : AlertRepos.renderAll(AlertRepos.load(ROOT)).entrySet()) {
      if (f.getKey().startsWith(PrometheusRuleFileRenderer.DIRECTORY)) {
        Path path = out.resolve(f.getKey().replace('/', '_'));
        Files.writeString(path, f.getValue(), StandardCharsets.UTF_8);
        files.add(path);
      }
    }
    assertEquals(4, files.size());
    PromtoolCheckTest.Check check = PromtoolCheckTest.checkRules(promtool, files);
    assertEquals(0, check.exitCode(), check.output());
  }
}
