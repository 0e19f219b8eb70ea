package io.aami.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The project's own example fleet repository (aami.yaml, templates, policies, inventory), copied
 * for a test.
 */
public final class ExampleRepository {
  private static final List<String> PARTS =
      List.of("aami.yaml", "templates", "policies", "inventory");

  private ExampleRepository() {}

  /** Copies the example into {@code repo} (created) and returns it. */
  public static Path copyTo(Path repo) throws IOException {
    for (String part : PARTS) {
      Path from = Golden.projectDir().resolve(part);
      if (Files.isDirectory(from)) {
        Trees.copy(from, repo.resolve(part));
      } else {
        Files.createDirectories(repo);
        Files.copy(from, repo.resolve(part));
      }
    }
    return repo;
  }
}
