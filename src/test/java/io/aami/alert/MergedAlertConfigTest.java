package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aami.model.AlertConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergedAlertConfigTest {
  private static <V> Map<String, V> map(Object... pairs) {
    Map<String, V> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) pairs[i + 1];
      m.put((String) pairs[i], v);
    }
    return m;
  }

  @Test
  void labelsAndAnnotationsMergeKeyByKeyAndTheRuleWins() {
    AlertConfig template =
        new AlertConfig(
            "5m",
            map("team", "infra", "component", "storage"),
            map("summary", "s", "description", "d"),
            map());
    AlertConfig rule =
        new AlertConfig(
            null, map("severity", "critical", "team", "gpu"), map("description", "rule d"), map());
    MergedAlertConfig merged = MergedAlertConfig.merge(template, rule);
    assertEquals(
        map("team", "gpu", "component", "storage", "severity", "critical"), merged.labels());
    assertEquals(map("summary", "s", "description", "rule d"), merged.annotations());
    assertEquals("5m", merged.forDuration());
  }

  @Test
  void forDurationAndParametersAreReplacedWhole() {
    AlertConfig template =
        new AlertConfig(
            "5m",
            map(),
            map(),
            map("mounts", List.of("/a", "/b"), "limits", map("low", 1L, "high", 2L), "keep", "t"));
    AlertConfig rule =
        new AlertConfig(
            "2m", map(), map(), map("mounts", List.of("/c"), "limits", map("high", 9L)));
    MergedAlertConfig merged = MergedAlertConfig.merge(template, rule);
    assertEquals("2m", merged.forDuration());
    assertEquals(List.of("/c"), merged.parameters().get("mounts"));
    assertEquals(map("high", 9L), merged.parameters().get("limits"));
    assertEquals("t", merged.parameters().get("keep"));
  }

  @Test
  void noForDurationAnywhereStaysUnset() {
    assertNull(MergedAlertConfig.merge(AlertConfig.EMPTY, AlertConfig.EMPTY).forDuration());
  }
}
