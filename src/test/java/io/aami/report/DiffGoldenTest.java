package io.aami.report;

import io.aami.diff.FleetDiff;
import io.aami.diff.FleetDiffer;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diff format of every case in golden/diff/: {@code input/base} and {@code input/head} are
 * the two revisions (see {@link Golden} to regenerate).
 */
class DiffGoldenTest {
  static List<Path> cases() {
    return Golden.cases("diff");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    FleetDiff diff =
        FleetDiffer.compare(
            new TestRepo(caseDir.resolve("input/base")).load(),
            new TestRepo(caseDir.resolve("input/head")).load());
    Map<String, String> actual = new TreeMap<>();
    for (DiffFormat format : DiffFormat.values()) {
      String extension =
          format == DiffFormat.MARKDOWN ? "md" : format == DiffFormat.JSON ? "json" : "txt";
      actual.put(
          format + "." + extension,
          format.format(diff, "base main (1a2b3c4d5e6f)", "head work tree"));
    }
    Golden.assertMatches(caseDir, actual);
  }
}
