package io.aami.cli;

import io.aami.source.RepositoryRoot;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo DIR [--rev REV]}: the repository revision a command reads. */
public final class RepoOption {
  @Option(
      names = {"-r", "--repo"},
      paramLabel = "DIR",
      description =
          "Repository root holding templates/, policies/ and inventory/. Default: the nearest"
              + " directory, from the working directory upward, that holds aami.yaml or one of those"
              + " directories (like git finds .git).")
  Path repo;

  @Option(
      names = "--rev",
      paramLabel = "REV",
      description =
          "Read the repository as of this git revision (commit, branch, tag, HEAD~1) "
              + "instead of the work tree; nothing is checked out.")
  String revision;

  public Path path() {
    return repo != null ? repo : discovered(Path.of(""));
  }

  /** The git revision to read, or null for the work tree. */
  public String revision() {
    return revision;
  }

  /**
   * The repository containing {@code workingDirectory}, or the working directory itself when none
   * does (the command then says it is not an aami repository).
   */
  static Path discovered(Path workingDirectory) {
    return RepositoryRoot.find(workingDirectory)
        .orElse(workingDirectory.toAbsolutePath().normalize());
  }
}
