package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.alert.AlertTestRepos;
import io.aami.diag.SourceLocation;
import io.aami.model.Group;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.Settings;
import io.aami.model.Target;
import io.aami.render.RenderedFile;
import io.aami.yaml.YMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSdRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GROUP_ID_MATCHER = Pattern.compile("group_id=\"([^\"]*)\"");

  @TempDir Path dir;

  private static Map<String, JsonNode> render(Repository repo) throws Exception {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (RenderedFile f : new FileSdRenderer().render(repo)) {
      files.put(f.path(), JSON.readTree(new String(f.content(), StandardCharsets.UTF_8)));
    }
    return files;
  }

  @Test
  void theLabelsRulesSelectOnAreAttachedToTheTargets() throws Exception {
    Repository repo = AlertRepos.load(AlertRepos.GOLDEN.resolve("seed-example/input"));
    Map<String, String> rendered = AlertRepos.renderAll(repo);
    Map<String, JsonNode> fileSd = render(repo);
    int selectors = 0;
    for (Map.Entry<String, String> f : rendered.entrySet()) {
      if (!f.getKey().startsWith(PrometheusRuleFileRenderer.DIRECTORY)) {
        continue;
      }
      Matcher m = GROUP_ID_MATCHER.matcher(f.getValue());
      while (m.find()) {
        String groupId = m.group(1);
        JsonNode targets = fileSd.get("prometheus/file_sd/" + groupId + ".json");
        assertTrue(targets != null && targets.size() > 0, "targets for " + groupId);
        boolean selected = false;
        for (JsonNode entry : targets) {
          selected |= entry.get("labels").get("group_id").asText().equals(groupId);
          assertTrue(entry.get("labels").get("aami_groups").asText().contains("," + groupId + ","));
        }
        assertTrue(selected, "some target carries group_id=" + groupId);
        selectors++;
      }
    }
    assertEquals(4, selectors, "one group_id matcher per seed rule");
  }

  @Test
  void entriesCarryPrimaryGroupAllGroupsAndTargetLabels() throws Exception {
    Repository repo = AlertRepos.load(AlertRepos.GOLDEN.resolve("seed-example/input"));
    Map<String, JsonNode> files = render(repo);
    assertEquals(
        List.of(
            "prometheus/file_sd/critical-services.json",
            "prometheus/file_sd/development.json",
            "prometheus/file_sd/gpu-cluster.json",
            "prometheus/file_sd/storage-cluster.json"),
        new ArrayList<>(files.keySet()));
    JsonNode critical = files.get("prometheus/file_sd/critical-services.json");
    assertEquals(
        List.of("db-01.example.internal:9100", "gpu-db-01.example.internal:9100"),
        List.of(
            critical.get(0).get("targets").get(0).asText(),
            critical.get(1).get("targets").get(0).asText()),
        "one entry per target, sorted by target id");
    JsonNode multi = critical.get(1).get("labels");
    assertEquals(
        "gpu-cluster", multi.get("group_id").asText(), "the primary group, not the file's group");
    assertEquals("gpu-cluster", multi.get("group_name").asText());
    assertEquals(",gpu-cluster,critical-services,", multi.get("aami_groups").asText());
    assertEquals("r14", multi.get("rack").asText());
  }

  @Test
  void aMultiGroupTargetHasTheSameLabelsInEveryFileSoPrometheusScrapesItOnce() throws Exception {
    Map<String, JsonNode> files =
        render(AlertRepos.load(AlertRepos.GOLDEN.resolve("seed-example/input")));
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode file : files.values()) {
      for (JsonNode entry : file) {
        if (entry.get("targets").get(0).asText().startsWith("gpu-db-01")) {
          entries.add(entry);
        }
      }
    }
    assertEquals(2, entries.size());
    assertEquals(entries.get(0), entries.get(1));
  }

  @Test
  void groupsWithoutTargetsGetNoFile() throws Exception {
    Repository repo =
        AlertTestRepos.withAlerts(
            dir, AlertTestRepos.directRule("r", "empty", "X", "info", "up == 0", null));
    Map<String, JsonNode> files = render(repo);
    assertEquals(
        List.of("prometheus/file_sd/db.json", "prometheus/file_sd/gpu.json"),
        new ArrayList<>(files.keySet()));
    assertFalse(files.containsKey("prometheus/file_sd/empty.json"));
  }

  @Test
  void aamiLabelsWinOverTargetLabelsOfTheSameName() throws Exception {
    YMap empty = new YMap(List.of(), new SourceLocation("inventory/t.yaml", 1, 1), 0, 0);
    Origin origin = new Origin("inventory/t.yaml", empty);
    Target target =
        new Target(
            "t1",
            "t1",
            "10.0.0.1:9100",
            List.of("g"),
            Map.of("group_id", "spoofed", "aami_groups", ",x,", "zone", "a"),
            origin);
    Repository repo =
        new Repository(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(new Group("g", "Group G", 0, null, origin)),
            List.of(target),
            Settings.DEFAULT);
    JsonNode labels = render(repo).get("prometheus/file_sd/g.json").get(0).get("labels");
    assertEquals("g", labels.get("group_id").asText());
    assertEquals("Group G", labels.get("group_name").asText());
    assertEquals(",g,", labels.get("aami_groups").asText());
    assertEquals("a", labels.get("zone").asText());
  }

  @Test
  void jsonIsIndentedWithTwoSpacesAndEndsWithANewline() {
    Repository repo = AlertRepos.load(AlertRepos.GOLDEN.resolve("seed-example/input"));
    String text =
        new String(new FileSdRenderer().render(repo).get(0).content(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("[\n  {\n    \"labels\": {\n      \"aami_groups\": "), text);
    assertTrue(text.endsWith("}\n]\n"), text);
  }
}
