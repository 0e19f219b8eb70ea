package io.aami.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diff.FleetDiff;
import io.aami.diff.FleetDiffer;
import io.aami.model.Repository;
import io.aami.report.DiffFormat;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diff format of every case in golden/live-diff/ with the counts of {@code aami diff
 * --prometheus}, asked of a real Prometheus where the probe check (run by the real agent) reports
 * 41.5 and 50 degrees: {@code input/base} and {@code input/head} are the two revisions (see {@link
 * Golden} to regenerate).
 */
@Timeout(180)
class LiveDiffGoldenTest {
  @TempDir static Path shared;
  static LivePrometheus prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    prometheus = LivePrometheus.start(shared.resolve("prometheus"));
    LiveRepo.runCheck(LiveRepo.fleet(shared.resolve("repo"), null), "probe", prometheus);
    prometheus.awaitSeries("probe_temperature_celsius");
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static List<Path> cases() {
    return Golden.cases("live-diff");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    Repository base = new TestRepo(caseDir.resolve("input/base")).load();
    Repository head = new TestRepo(caseDir.resolve("input/head")).load();
    FleetDiff diff = FleetDiffer.compare(base, head);
    WouldFire.Result firing =
        WouldFire.count(
            diff,
            base,
            head,
            LiveSettings.DEFAULT.withUrl(prometheus.url()),
            name -> null,
            Optional.empty());
    assertEquals(Optional.empty(), firing.unavailable());
    Map<String, String> actual = new TreeMap<>();
    for (DiffFormat format : DiffFormat.values()) {
      String extension =
          switch (format) {
            case MARKDOWN -> "md";
            case JSON -> "json";
            case TEXT -> "txt";
          };
      actual.put(
          format + "." + extension,
          format.format(diff, "base main (1a2b3c4d5e6f)", "head work tree", firing));
    }
    Golden.assertMatches(caseDir, actual);
  }
}
