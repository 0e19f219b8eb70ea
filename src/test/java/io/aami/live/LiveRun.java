package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import io.aami.source.WorkTreeSource;
import io.aami.testing.TestRepo;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One validation of a repository with the live checks against a real Prometheus: its {@code live/*}
 * problems and its notes, for the live tests to assert on.
 */
record LiveRun(List<Diagnostic> found, List<Diagnostic> notes) {

  /** Validates {@code dir} against {@code prometheus}; fails if the server did not answer. */
  static LiveRun of(Path dir, LivePrometheus prometheus) throws Exception {
    LiveValidation live =
        new LiveValidation(Optional.of(prometheus.url()), name -> null, Optional.of(dir));
    ValidationReport report =
        ValidationService.standard().withLive(live).validate(new WorkTreeSource(dir));
    assertEquals(Optional.empty(), live.unavailable());
    return new LiveRun(
        report.diagnostics().stream().filter(d -> d.code().startsWith("live/")).toList(),
        report.notes());
  }

  /**
   * Starts Prometheus with the fleet's probe check reporting through the real agent, after the
   * legacy check ran and was then dropped from the node's list: the agent's next run (probe alone)
   * removes its textfile, as on a node whose check was unassigned, so its metric disappears.
   */
  static LivePrometheus startFleet(Path dir) throws Exception {
    LivePrometheus prometheus = LivePrometheus.start(dir.resolve("prometheus"));
    TestRepo repo = LiveRepo.fleet(dir.resolve("repo"), null);
    LiveRepo.runCheck(repo, "legacy", prometheus);
    prometheus.awaitSeries("legacy_queue_depth");
    LiveRepo.runCheck(repo, "probe", prometheus);
    assertTrue(Files.notExists(prometheus.textfileDir.resolve("aami_check_legacy.prom")));
    prometheus.awaitNoSeries("legacy_queue_depth");
    prometheus.awaitSeries("probe_temperature_celsius");
    prometheus.awaitSeries("probe_events_total");
    return prometheus;
  }

  /** {@code file:line:col: severity[code]: message}, one a line. */
  static String lines(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                d.file()
                    + ":"
                    + d.line()
                    + ":"
                    + d.column()
                    + ": "
                    + d.severity().label()
                    + "["
                    + d.code()
                    + "]: "
                    + d.message())
        .collect(Collectors.joining("\n"));
  }

  String messages() {
    return lines(found);
  }
}
