package io.aami.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Writing to git with jgit: what {@code aami init} needs (the other commands never commit). */
public final class GitCommits {
  private GitCommits() {}

  /**
   * Commits exactly {@code paths} in {@code dir}, first making it a git repository (branch main)
   * when it is none. Returns the new commit's abbreviated id.
   */
  public static String commitFiles(Path dir, List<String> paths, String message)
      throws IOException {
    boolean existing = Files.exists(dir.resolve(".git"));
    try (Git git =
        existing
            ? Git.open(dir.toFile())
            : Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      AddCommand add = git.add();
      paths.forEach(add::addFilepattern);
      add.call();
      CommitCommand commit = git.commit().setMessage(message).setSign(false);
      if (existing && git.getRepository().resolve("HEAD") != null) {
        // Whatever else the user had staged stays staged, out of this commit.
        paths.forEach(commit::setOnly);
      }
      return commit.call().abbreviate(7).name();
    } catch (GitAPIException e) {
      throw new IOException("git: " + e.getMessage(), e);
    }
  }
}
