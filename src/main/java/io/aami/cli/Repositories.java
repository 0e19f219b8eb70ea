package io.aami.cli;

import io.aami.git.GitRepositories;
import io.aami.git.RevisionNotFoundException;
import io.aami.load.RepositoryLoader;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Opens the repository revision named by {@code --repo} and {@code --rev}. */
final class Repositories {
  private Repositories() {}

  static RepositorySource open(CommandLine cmd, RepoOption option) throws IOException {
    Path repo = option.path();
    if (!Files.isDirectory(repo)) {
      throw new ParameterException(cmd, "--repo " + repo + ": no such directory");
    }
    if (option.revision() != null) {
      try {
        return GitRepositories.open(repo, option.revision());
      } catch (RevisionNotFoundException e) {
        throw new ParameterException(cmd, "--rev " + option.revision() + ": " + e.getMessage());
      }
    }
    return workTree(cmd, repo);
  }

  /** {@code revision} of the git repository holding the aami repository of {@code option}. */
  static RepositorySource openRevision(CommandLine cmd, String optionName, RepoOption option, String revision)
      throws IOException {
    try {
      return GitRepositories.open(option.path(), revision);
    } catch (RevisionNotFoundException e) {
      throw new ParameterException(cmd, optionName + " " + revision + ": " + e.getMessage());
    }
  }

  private static RepositorySource workTree(CommandLine cmd, Path repo) throws IOException {
    boolean hasContent = RepositoryLoader.CONTENT_DIRECTORIES.stream()
        .anyMatch(dir -> Files.isDirectory(repo.resolve(dir)));
    if (!hasContent) {
      throw new ParameterException(cmd, "--repo " + repo + ": not an aami repository (no "
          + String.join("/, ", RepositoryLoader.CONTENT_DIRECTORIES) + "/ directory)");
    }
    return new WorkTreeSource(repo);
  }
}
