package io.aami.cli;

import io.aami.git.GitRepositories;
import io.aami.git.RevisionNotFoundException;
import io.aami.load.RepositoryLoader;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import io.aami.validate.CheckedRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
  /**
   * The repository at {@code --repo/--rev}, loaded and validated, for a command that works only on
   * a valid one: when it has errors they are printed to stderr, followed by "aami: {@code action}
   * refused: fix the errors above first", and the answer is empty (exit 1).
   */
  static Optional<CheckedRepository> loadValid(CommandLine cmd, RepoOption option, String action)
      throws IOException {
    CheckedRepository checked = CheckedRepository.load(open(cmd, option));
    if (checked.valid()) {
      return Optional.of(checked);
    }
    PrintWriter err = cmd.getErr();
    err.print(ReportFormat.TEXT.formatter().format(checked.report()));
    err.println("aami: " + action + " refused: fix the errors above first");
    return Optional.empty();
  }

  static RepositorySource openRevision(
      CommandLine cmd, String optionName, RepoOption option, String revision) throws IOException {
    try {
      return GitRepositories.open(option.path(), revision);
    } catch (RevisionNotFoundException e) {
      throw new ParameterException(cmd, optionName + " " + revision + ": " + e.getMessage());
    }
  }

  private static RepositorySource workTree(CommandLine cmd, Path repo) throws IOException {
    boolean hasContent =
        RepositoryLoader.CONTENT_DIRECTORIES.stream()
            .anyMatch(dir -> Files.isDirectory(repo.resolve(dir)));
    if (!hasContent) {
      throw new ParameterException(
          cmd,
          "--repo "
              + repo
              + ": not an aami repository (no "
              + String.join("/, ", RepositoryLoader.CONTENT_DIRECTORIES)
              + "/ directory)");
    }
    return new WorkTreeSource(repo);
  }
}
