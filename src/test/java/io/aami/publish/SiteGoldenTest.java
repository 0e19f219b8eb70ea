package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.render.RenderedFile;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.testing.GoldenInput;
import io.aami.validate.ValidationService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole published site (checks API and manifest) of every case in golden/checks/, rendered
 * without git information so the manifest's source is null. Regenerate the expected trees with
 * {@code mvn -B test -Dtest=SiteGoldenTest -Daami.updateGolden=true} and review the diff.
 */
class SiteGoldenTest {
  static List<Path> cases() {
    return Golden.cases("checks");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void siteMatchesGoldenFiles(Path caseDir) throws Exception {
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(GoldenInput.of(caseDir)));
    assertEquals(
        List.of(),
        ValidationService.standard().validateLoaded(loaded).diagnostics().stream()
            .filter(Diagnostic::isError)
            .toList(),
        "render refuses repositories with errors");
    RenderService.Site site = RenderService.standard().build(loaded.repository(), Optional.empty());
    assertEquals(List.of(), site.problems());
    Map<String, String> actual = new TreeMap<>();
    for (RenderedFile f : site.files()) {
      actual.put(f.path(), new String(f.content(), StandardCharsets.UTF_8));
    }
    Golden.assertMatches(caseDir, actual);
  }
}
