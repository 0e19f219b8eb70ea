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
    boolean hasContent = RepositoryLoader.CONTENT_DIRECTORIES.stream()
        .anyMatch(dir -> Files.isDirectory(repo.resolve(dir)));
    if (!hasContent) {
      throw new ParameterException(cmd, "--repo " + repo + ": not an aami repository (no "
          + String.join("/, ", RepositoryLoader.CONTENT_DIRECTORIES) + "/ directory)");
    }
    return new WorkTreeSource(repo);
  }
}
