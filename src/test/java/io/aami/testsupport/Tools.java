package io.aami.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds external tools on PATH and skips (never fakes) tests whose tools are missing. */
public final class Tools {
  private Tools() {}

  public static Optional<Path> onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }

  public static void assumeOnPath(String... tools) {
    List<String> missing = Arrays.stream(tools).filter(tool -> onPath(tool).isEmpty()).toList();
    assumeTrue(
        missing.isEmpty(),
        () ->
            "skipped: "
                + String.join(", ", missing)
                + " not on PATH (install them to run this test)");
  }

  /** The checkout this build runs in (surefire passes it; the working directory otherwise). */
  public static Path projectDir() {
    return Path.of(System.getProperty("aami.projectDir", System.getProperty("user.dir")));
  }
}
