package io.aami.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo DIR}: the repository to work on, shared by every command that reads one. */
public final class RepoOption {
  @Option(
      names = {"-r", "--repo"},
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Repository root holding templates/, policies/ and inventory/ (default: ${DEFAULT-VALUE}).")
  Path repo;

  public Path path() {
    return repo;
  }
}
