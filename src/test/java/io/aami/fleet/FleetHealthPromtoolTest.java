package io.aami.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.git.InputChange;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import io.aami.render.prometheus.FleetHealthRenderer;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated fleet-health rules of the example repository under {@code promtool test rules}:
 * synthetic series for a healthy node and one node per failure (src/test/resources/fleet-health),
 * each alert asserted firing where it must and silent where it must not. Skipped where promtool is
 * not on the PATH.
 */
class FleetHealthPromtoolTest {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  @TempDir Path dir;

  static List<RenderedFile> renderExample(long generation) {
    Repository example = new TestRepo(Golden.projectDir()).load();
    return FleetHealthRenderer.render(
        example, Optional.of(new InputChange(COMMIT, Instant.ofEpochSecond(generation))));
  }

  static String file(List<RenderedFile> files, String path) {
    return files.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .map(f -> new String(f.content(), StandardCharsets.UTF_8))
        .orElseThrow(() -> new AssertionError(path + " not rendered"));
  }

  @Test
  void everyFleetHealthAlertFiresOnlyForTheNodeItIsAbout() throws Exception {
    Tools.assumeOnPath("promtool");
    Files.writeString(
        dir.resolve("aami-fleet-health.yaml"),
        file(renderExample(1000), "prometheus/rules/aami-fleet-health.yaml"));
    Path test = dir.resolve("fleet-health.test.yaml");
    Files.copy(
        Golden.projectDir().resolve("src/test/resources/fleet-health/fleet-health.test.yaml"),
        test);

    ProcessResult result =
        Processes.run(List.of("promtool", "test", "rules", test.toString()), null, dir);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("SUCCESS"), result.stdout());
  }

  @Test
  void theRenderedRuleFilesPassPromtoolCheckRules() throws Exception {
    Tools.assumeOnPath("promtool");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, file(renderExample(1000), "prometheus/rules/aami-fleet-health.yaml"));
    ProcessResult result =
        Processes.run(List.of("promtool", "check", "rules", rules.toString()), null, dir);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("SUCCESS: 7 rules found"), result.stdout());
  }
}
