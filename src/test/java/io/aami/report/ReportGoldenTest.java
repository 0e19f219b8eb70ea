package io.aami.report;

import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every report format of every case in golden/report/ (see {@link Golden} to regenerate). */
class ReportGoldenTest {
  static List<Path> cases() {
    return Golden.cases("report");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    ValidationReport report =
        ValidationService.standard().validate(new WorkTreeSource(caseDir.resolve("input")));
    Map<String, String> actual = new TreeMap<>();
    actual.put("text.txt", ReportFormat.TEXT.formatter().format(report));
    actual.put("json.json", ReportFormat.JSON.formatter().format(report));
    actual.put("github.txt", ReportFormat.GITHUB.formatter().format(report));
    actual.put("junit.xml", ReportFormat.JUNIT.formatter().format(report));
    actual.put("sarif.json", ReportFormat.SARIF.formatter().format(report));
    Golden.assertMatches(caseDir, actual);
  }
}
