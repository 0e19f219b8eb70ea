package io.aami.report;

import io.aami.coverage.CoverageReport;
import io.aami.coverage.CoverageService;
import io.aami.testing.Golden;
import io.aami.testing.GoldenInput;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format of {@code aami report coverage} for every case in golden/coverage/ (regenerate with
 * {@code -Daami.updateGolden=true}).
 */
class CoverageGoldenTest {
  static List<Path> cases() {
    return Golden.cases("coverage");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    CoverageReport report =
        new CoverageService().build(new TestRepo(GoldenInput.of(caseDir)).load());
    Map<String, String> actual = new TreeMap<>();
    for (CoverageFormat format : CoverageFormat.values()) {
      actual.put("coverage." + format, format.format(report));
    }
    Golden.assertMatches(caseDir, actual);
  }
}
