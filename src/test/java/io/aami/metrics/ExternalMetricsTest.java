package io.aami.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.model.Settings;
import org.junit.jupiter.api.Test;

class ExternalMetricsTest {
  @Test
  void builtInPatternsCoverPrometheusNodeExporterAndTheAgent() {
    ExternalMetrics metrics = ExternalMetrics.of(Settings.DEFAULT);

    for (String name :
        new String[] {
          "up",
          "node_load1",
          "aami_check_success",
          "aami_agent_info",
          "scrape_duration_seconds",
          "ALERTS"
        }) {
      assertTrue(metrics.covers(name), name);
    }
    assertFalse(metrics.covers("mount_check"));
    assertFalse(metrics.covers("upx"));
    assertFalse(metrics.covers("xnode_load1"));
  }

  @Test
  void globsMatchWholeNamesWithStarAndQuestionMark() {
    assertTrue(ExternalMetrics.glob("kube_*").matcher("kube_pod_info").matches());
    assertTrue(ExternalMetrics.glob("gpu_?_temp").matcher("gpu_0_temp").matches());
    assertFalse(ExternalMetrics.glob("gpu_?_temp").matcher("gpu_10_temp").matches());
    assertFalse(ExternalMetrics.glob("a:b").matcher("aXb").matches());
  }
}
