package io.aami.live;

import io.aami.report.ReportFormat;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
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
 * Every report format of every case in golden/live-report/, validated with the live checks against
 * a real Prometheus scraping a node_exporter with no check output: the cases' live warnings and
 * notes name no count that changes between machines (see {@link Golden} to regenerate).
 */
@Timeout(180)
class LiveReportGoldenTest {
  @TempDir static Path shared;
  static LivePrometheus prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    prometheus = LivePrometheus.start(shared.resolve("prometheus"));
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static List<Path> cases() {
    return Golden.cases("live-report");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    Path input = caseDir.resolve("input");
    LiveValidation live =
        new LiveValidation(Optional.of(prometheus.url()), name -> null, Optional.of(input));
    ValidationReport report =
        ValidationService.standard().withLive(live).validate(new WorkTreeSource(input));
    org.junit.jupiter.api.Assertions.assertEquals(Optional.empty(), live.unavailable());
    Map<String, String> actual = new TreeMap<>();
    for (ReportFormat format : ReportFormat.values()) {
      String extension =
          switch (format) {
            case JSON, SARIF -> "json";
            case JUNIT -> "xml";
            case TEXT, GITHUB -> "txt";
          };
      actual.put(format + "." + extension, format.formatter().format(report));
    }
    Golden.assertMatches(caseDir, actual);
  }
}
