package io.aami.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the aami repository a working directory belongs to, the way git finds {@code .git}: the
 * nearest directory, from {@code start} upward, that holds {@code aami.yaml} or one of the content
 * directories. So {@code cd policies && aami validate} validates the whole repository.
 */
public final class RepositoryRoot {
  /** The markers of a repository root, besides {@code aami.yaml}. */
  public static final List<String> CONTENT_DIRECTORIES =
      List.of("templates", "policies", "inventory");

  private RepositoryRoot() {}

  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public static boolean isRoot(Path dir) {
    if (Files.isRegularFile(dir.resolve("aami.yaml"))) {
      return true;
    }
    return CONTENT_DIRECTORIES.stream().anyMatch(name -> Files.isDirectory(dir.resolve(name)));
  }
}
