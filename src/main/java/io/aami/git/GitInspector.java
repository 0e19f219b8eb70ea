package io.aami.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads HEAD and the dirty state of the git work tree an aami repository lives in. */
public final class GitInspector {
  private GitInspector() {}

  /**
   * The revision of the work tree containing {@code directory} (the aami repository may be a
   * subdirectory of it), or empty when it is not inside a git work tree. Only {@code inputs}
   * (paths relative to {@code directory}) decide dirtiness: an output directory or a stray file
   * elsewhere does not change what render produces, so it does not make the tree dirty.
   */
  public static Optional<GitRevision> inspect(Path directory, Collection<String> inputs) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder()
        .findGitDir(directory.toAbsolutePath().normalize().toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    try (Repository git = builder.setMustExist(true).build()) {
      if (git.isBare()) {
        return Optional.empty();
      }
      String prefix = prefix(git.getWorkTree(), directory);
      ObjectId head = git.resolve("HEAD^{commit}");
      String commit = null;
      Instant time = null;
      if (head != null) {
        try (RevWalk walk = new RevWalk(git)) {
          RevCommit c = walk.parseCommit(head);
          commit = c.getName();
          time = Instant.ofEpochSecond(c.getCommitTime());
        }
      }
      return Optional.of(new GitRevision(commit, time, isDirty(git, prefix, inputs)));
    }
  }

  private static boolean isDirty(Repository git, String prefix, Collection<String> inputs) throws IOException {
    StatusCommand status = Git.wrap(git).status();
    for (String input : inputs) {
      status.addPath(prefix.isEmpty() ? input : prefix + "/" + input);
    }
    try {
      return !status.call().isClean();
    } catch (GitAPIException e) {
      throw new IOException("git status failed: " + e.getMessage(), e);
    }
  }

  /** {@code directory} relative to the work tree root, '/'-separated ("" at the root). */
  private static String prefix(File workTree, Path directory) throws IOException {
    Path root = workTree.toPath().toRealPath();
    Path dir = directory.toRealPath();
    return root.relativize(dir).toString().replace(File.separatorChar, '/');
  }
}
