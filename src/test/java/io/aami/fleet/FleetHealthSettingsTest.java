package io.aami.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.source.WorkTreeSource;
import io.aami.testing.TestRepo;
import io.aami.validate.ValidationService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetHealthSettingsTest {
  @TempDir Path dir;

  @Test
  void theAgentIntervalScalesTheNotRunningThreshold() {
    TestRepo repo =
        new TestRepo(dir)
            .file(
                "aami.yaml",
                "agent:\n  interval: 90s\nfleet_health:\n  not_running_intervals: 4\n");
    FleetHealthSettings settings = FleetHealthSettings.parse(repo.load().settings());
    assertEquals(90, settings.agentIntervalSeconds());
    assertEquals(4, settings.notRunningIntervals());
    assertEquals(List.of(), settings.diagnostics());
  }

  @Test
  void aBadAgentIntervalIsReportedOnceAndTheDefaultApplies() throws Exception {
    new TestRepo(dir).file("aami.yaml", "agent:\n  interval: soon\n");
    List<Diagnostic> found =
        ValidationService.standard().validate(new WorkTreeSource(dir)).diagnostics().stream()
            .filter(d -> d.file().equals("aami.yaml"))
            .toList();
    assertEquals(1, found.size(), found.toString());
    assertEquals(
        60,
        FleetHealthSettings.parse(new TestRepo(dir).loadResult().repository().settings())
            .agentIntervalSeconds());
  }
}
