package io.aami.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigMergeTest {
  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void nestedMapsMergeKeyByKeyAtEveryDepth() {
    Map<String, Object> defaults =
        map(
            "thresholds",
            map("warning", 80L, "critical", 90L, "inodes", map("warning", 85L, "critical", 95L)),
            "interval",
            60L);
    Map<String, Object> overrides =
        map("thresholds", map("warning", 70L, "inodes", map("critical", 99L)));
    Map<String, Object> merged = ConfigMerge.merge(defaults, overrides);
    assertEquals(
        map(
            "interval",
            60L,
            "thresholds",
            map("critical", 90L, "inodes", map("critical", 99L, "warning", 85L), "warning", 70L)),
        merged);
  }

  @Test
  void listsAndScalarsAreReplacedWhole() {
    Map<String, Object> merged =
        ConfigMerge.merge(
            map("mount_points", List.of("/data", "/backup"), "retries", 3L),
            map("mount_points", List.of("/mnt/models"), "retries", "none"));
    assertEquals(List.of("/mnt/models"), merged.get("mount_points"));
    assertEquals("none", merged.get("retries"));
  }

  @Test
  void aMapReplacedByAScalarAndNullOverridesAreKept() {
    Map<String, Object> merged =
        ConfigMerge.merge(
            map("limits", map("a", 1L), "label", "x"), map("limits", "off", "label", null));
    assertEquals("off", merged.get("limits"));
    assertTrue(merged.containsKey("label"));
    assertNull(merged.get("label"));
  }

  @Test
  void resultIsSortedWhateverTheInputOrder() {
    Map<String, Object> merged =
        ConfigMerge.merge(
            map("zeta", 1L, "alpha", map("y", 1L, "b", 2L)),
            map("mid", List.of(map("z", 1L, "a", 2L))));
    assertEquals(List.of("alpha", "mid", "zeta"), new ArrayList<>(merged.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> alpha = (Map<String, Object>) merged.get("alpha");
    assertEquals(List.of("b", "y"), new ArrayList<>(alpha.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> inList = (Map<String, Object>) ((List<Object>) merged.get("mid")).get(0);
    assertEquals(List.of("a", "z"), new ArrayList<>(inList.keySet()));
  }

  @Test
  void leavesNameTheLayerOfEveryNestedKeyPath() {
    List<ConfigMerge.Leaf> leaves =
        ConfigMerge.leaves(
            map("thresholds", map("warning", 80L, "critical", 90L), "paths", List.of("/")),
            map("thresholds", map("warning", 70L), "extra", true));
    assertEquals(
        List.of(
            new ConfigMerge.Leaf(List.of("extra"), true, ConfigMerge.Layer.OVERRIDE, false),
            new ConfigMerge.Leaf(List.of("paths"), List.of("/"), ConfigMerge.Layer.DEFAULT, false),
            new ConfigMerge.Leaf(
                Arrays.asList("thresholds", "critical"), 90L, ConfigMerge.Layer.DEFAULT, false),
            new ConfigMerge.Leaf(
                Arrays.asList("thresholds", "warning"), 70L, ConfigMerge.Layer.OVERRIDE, true)),
        leaves);
  }

  @Test
  void leavesRebuildExactlyWhatMergeReturnsInEveryShapeOfOverride() {
    Map<String, Object> defaults =
        map(
            "kept",
            map("a", 1L),
            "emptied",
            map("b", 2L),
            "scalar",
            3L,
            "nulled",
            null,
            "list",
            List.of(1L),
            "empty",
            map(),
            "deep",
            map("x", map("y", 1L, "z", 2L)));
    Map<String, Object> overrides =
        map(
            "emptied",
            map(),
            "scalar",
            map("now", "a map"),
            "nulled",
            map("c", 4L),
            "list",
            map(),
            "empty",
            map(),
            "deep",
            map("x", map("z", 9L)),
            "added",
            map("d", map()));
    Map<String, Object> rebuilt = new TreeMap<>();
    for (ConfigMerge.Leaf leaf : ConfigMerge.leaves(defaults, overrides)) {
      put(rebuilt, leaf.path(), leaf.value());
    }
    assertEquals(ConfigMerge.merge(defaults, overrides), rebuilt);
    assertEquals(
        map("b", 2L),
        rebuilt.get("emptied"),
        "an empty map merges into the default: nothing removed");
  }

  @Test
  void aMapReplacingAScalarDefaultIsOneLeafThatSaysItReplacedIt() {
    List<ConfigMerge.Leaf> leaves =
        ConfigMerge.leaves(map("limit", 10L), map("limit", map("soft", 5L)));
    assertEquals(
        List.of(
            new ConfigMerge.Leaf(
                List.of("limit"), map("soft", 5L), ConfigMerge.Layer.OVERRIDE, true)),
        leaves);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, List<String> path, Object value) {
    Map<String, Object> at = root;
    for (String key : path.subList(0, path.size() - 1)) {
      at = (Map<String, Object>) at.computeIfAbsent(key, k -> new TreeMap<>());
    }
    at.put(path.get(path.size() - 1), value);
  }

  @Test
  void aReplacedListIsOneLeafAndAnEmptyMapIsALeaf() {
    List<ConfigMerge.Leaf> leaves =
        ConfigMerge.leaves(
            map("mount_points", List.of("/data"), "opts", map()),
            map("mount_points", List.of("/a", "/b")));
    assertEquals(2, leaves.size());
    assertEquals(
        new ConfigMerge.Leaf(
            List.of("mount_points"), List.of("/a", "/b"), ConfigMerge.Layer.OVERRIDE, true),
        leaves.get(0));
    assertEquals(
        new ConfigMerge.Leaf(List.of("opts"), Map.of(), ConfigMerge.Layer.DEFAULT, false),
        leaves.get(1));
  }
}
