package io.aami.report;

import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.resolve.ResolveService;
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
 * Every format of {@code aami resolve} for every target of every case in golden/resolve/
 * (regenerate with {@code -Daami.updateGolden=true}): {@code <target>.txt} is the plain text,
 * {@code <target>.explain.{txt,json,yaml}} the explanations.
 */
class ResolveGoldenTest {
  static List<Path> cases() {
    return Golden.cases("resolve");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsMatchGoldenFiles(Path caseDir) throws Exception {
    Repository repo = new TestRepo(GoldenInput.of(caseDir)).load();
    Map<String, String> actual = new TreeMap<>();
    for (Target t : repo.targets()) {
      ResolveService.Found plain = found(repo, t.id(), false);
      ResolveService.Found explained = found(repo, t.id(), true);
      actual.put(t.id() + ".txt", ResolveFormat.TEXT.format(plain));
      actual.put(t.id() + ".explain.txt", ResolveFormat.TEXT.format(explained));
      actual.put(t.id() + ".explain.json", ResolveFormat.JSON.format(explained));
      actual.put(t.id() + ".explain.yaml", ResolveFormat.YAML.format(explained));
    }
    Golden.assertMatches(caseDir, actual);
  }

  private static ResolveService.Found found(Repository repo, String target, boolean explain) {
    return (ResolveService.Found)
        new ResolveService().resolve(repo, new ResolveService.Request(target, explain));
  }
}
