package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.SourceLocation;
import io.aami.model.Group;
import io.aami.model.Origin;
import io.aami.yaml.YMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertNamesTest {
  private static Group group(String id, String name) {
    return new Group(
        id,
        name,
        0,
        null,
        new Origin("g.yaml", new YMap(List.of(), new SourceLocation("g.yaml", 1, 1), 0, 0)));
  }

  @Test
  void seedNamesAreKept() {
    Group g = group("gpu-cluster", "gpu-cluster");
    assertEquals(
        "MountPointUnavailable_gpu-cluster", AlertNames.alertName("MountPointUnavailable", g));
    assertEquals("group_gpu-cluster_gpu-cluster", AlertNames.ruleGroupName(g));
  }

  @Test
  void charactersOutsideTheAlertNameSetBecomeUnderscores() {
    Group g = group("lab.1", "GPU 클러스터 (A/B)");
    assertEquals("X_GPU_______A_B_", AlertNames.alertName("X", g));
    assertEquals("group_GPU_______A_B__lab_1", AlertNames.ruleGroupName(g));
  }

  @Test
  void prometheusRuleNamesAreDns1123AndUniquePerGroupId() {
    assertEquals("aami-gpu-cluster", AlertNames.prometheusRuleName("aami-", "gpu-cluster"));
    assertEquals("gpu.cluster", AlertNames.prometheusRuleName("", "gpu.cluster"));
    String upper = AlertNames.prometheusRuleName("aami-", "GPU");
    String lower = AlertNames.prometheusRuleName("aami-", "gpu");
    assertNotEquals(upper, lower);
    assertTrue(upper.matches("aami-gpu-[0-9a-f]{10}"), upper);
    assertNotEquals(
        AlertNames.prometheusRuleName("aami-", "a_b"),
        AlertNames.prometheusRuleName("aami-", "a-b"));
    for (String id : List.of("Edge_GROUP", "a..b", "x-", "9", "A".repeat(400), "a.-b_c")) {
      String name = AlertNames.prometheusRuleName("aami-", id);
      assertTrue(AlertNames.isDns1123Subdomain(name), id + " -> " + name);
    }
  }
}
