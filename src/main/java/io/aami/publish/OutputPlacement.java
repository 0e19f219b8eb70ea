package io.aami.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a site may be published relative to the repository it comes from. Render replaces the
 * output directory as a whole, so an output that contains the repository would delete it (and its
 * .git), and one inside a render input would be read back as repository documents next time. Paths
 * are compared after resolving symlinks, so a link to the repository is caught too.
 */
final class OutputPlacement {
  private OutputPlacement() {}

  /**
   * Throws when {@code out} is the repository, contains it, or lies inside one of {@code inputs}.
   */
  static void check(Path repository, Path out, List<String> inputs) throws IOException {
    Path repo = repository.toAbsolutePath().normalize().toRealPath();
    Path site = resolvedAsFarAsItExists(out);
    if (repo.startsWith(site)) {
      throw new RefusedOutputException(
          "--out "
              + out
              + (repo.equals(site) ? " is" : " contains")
              + " the repository "
              + repo
              + ", and render replaces --out as a whole; choose a "
              + "directory outside it, or a new subdirectory such as "
              + repo.resolve("public"));
    }
    for (String input : inputs) {
      if (site.startsWith(repo.resolve(input))) {
        throw new RefusedOutputException(
            "--out "
                + out
                + " is inside the repository's "
                + input
                + "/ directory, which render reads; choose a directory outside it");
      }
    }
  }

  /** The absolute path with every symlink of its longest existing prefix resolved. */
  private static Path resolvedAsFarAsItExists(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
  }
}
