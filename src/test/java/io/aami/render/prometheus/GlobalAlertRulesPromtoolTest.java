package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Golden;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A global alert rule with group overrides, rendered from golden/alerts/global-rules, under {@code
 * promtool test rules} (src/test/resources/global-rules): every node gets exactly one DiskFull
 * alert, from its group's rule when a group overrides the global one (primary group or not), else
 * from the global rule. Skipped where promtool is not on the PATH.
 */
class GlobalAlertRulesPromtoolTest {
  @TempDir Path dir;

  @Test
  void theGlobalRuleAndItsOverridesNeverFireForTheSameNode() throws Exception {
    Tools.assumeOnPath("promtool");
    Path input = Golden.projectDir().resolve("src/test/resources/golden/alerts/global-rules/input");
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(input));
    for (String file : List.of("aami-global.yaml", "gpu-cluster.yaml", "edge.lab.yaml")) {
      Files.writeString(
          dir.resolve(file), rendered.get(PrometheusRuleFileRenderer.DIRECTORY + file));
    }
    Path test = dir.resolve("global-rules.test.yaml");
    Files.copy(
        Golden.projectDir().resolve("src/test/resources/global-rules/global-rules.test.yaml"),
        test);
    ProcessResult result =
        Processes.run(List.of("promtool", "test", "rules", test.toString()), null, dir);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("SUCCESS"), result.stdout());
  }
}
