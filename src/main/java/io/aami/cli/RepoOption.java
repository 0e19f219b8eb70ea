package io.aami.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo DIR [--rev REV]}: the repository revision a command reads. */
public final class RepoOption {
  @Option(
      names = {"-r", "--repo"},
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Repository root holding templates/, policies/ and inventory/ (default: ${DEFAULT-VALUE}).")
  Path repo;

  @Option(
      names = "--rev",
      paramLabel = "REV",
      description = "Read the repository as of this git revision (commit, branch, tag, HEAD~1) "
          + "instead of the work tree; nothing is checked out.")
  String revision;

  public Path path() {
    return repo;
  }

  /** The git revision to read, or null for the work tree. */
  public String revision() {
    return revision;
  }
}
