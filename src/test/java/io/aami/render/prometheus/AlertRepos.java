package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: load a repository from files, render all Prometheus outputs. */
final class AlertRepos {
  static final Path GOLDEN = Path.of("src/test/resources/golden/alerts");

  private AlertRepos() {}

  static Repository load(Path root) {
    return io.aami.alert.AlertTestRepos.load(root);
  }

  /** Every Prometheus file, path to text, sorted by path. */
  static Map<String, String> renderAll(Repository repository) {
    Map<String, String> out = new TreeMap<>();
    for (var renderer : PrometheusRenderers.all()) {
      for (RenderedFile f : renderer.render(repository)) {
        String previous = out.put(f.path(), new String(f.content(), StandardCharsets.UTF_8));
        assertEquals(null, previous, "two renderers wrote " + f.path());
      }
    }
    return out;
  }

  static List<RenderedFile> renderFiles(Repository repository) {
    List<RenderedFile> files = new ArrayList<>();
    PrometheusRenderers.all().forEach(r -> files.addAll(r.render(repository)));
    return files;
  }

  static List<Path> goldenCases() throws IOException {
    try (var dirs = Files.list(GOLDEN)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  static String format(Diagnostic d) {
    return d.file()
        + ":"
        + d.line()
        + ":"
        + d.column()
        + ": "
        + d.severity().label()
        + "["
        + d.code()
        + "]: "
        + d.message();
  }
}
