package io.aami.git;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Reads the commit and dirty state a render comes from. */
public final class GitInspector {
  private GitInspector() {}

  /**
   * HEAD and the dirty state of the work tree containing {@code directory} (the aami repository may
   * be a subdirectory of it), or empty when it is not inside a git work tree. Only {@code inputs}
   * (paths relative to {@code directory}) decide dirtiness: an output directory or a stray file
   * elsewhere does not change what render produces, so it does not make it dirty.
   */
  public static Optional<GitRevision> inspect(Path directory, Collection<String> inputs)
      throws IOException {
    Optional<Repository> found = GitRepositories.enclosing(directory);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (Repository git = found.get()) {
      ObjectId head = git.resolve("HEAD^{commit}");
      RevCommit commit = head == null ? null : parse(git, head);
      boolean dirty = isDirty(git, GitRepositories.prefixOf(git, directory), inputs);
      return Optional.of(
          commit == null
              ? new GitRevision(null, null, dirty)
              : new GitRevision(commit.getName(), commitTime(commit), dirty));
    }
  }

  /** A commit of the repository containing {@code directory}: clean by definition. */
  public static GitRevision ofCommit(Path directory, String commitId) throws IOException {
    try (Repository git =
        GitRepositories.enclosing(directory)
            .orElseThrow(() -> new IOException(directory + " is not inside a git work tree"))) {
      RevCommit commit = parse(git, ObjectId.fromString(commitId));
      return new GitRevision(commit.getName(), commitTime(commit), false);
    }
  }

  /**
   * The newest commit, from {@code commitId} back, that changed any of {@code inputs} (relative to
   * {@code directory}): what a render's output depends on, so a commit that only adds rendered
   * output or documentation does not move it. Empty when no commit touched the inputs.
   */
  public static Optional<InputChange> lastInputChange(
      Path directory, String commitId, Collection<String> inputs) throws IOException {
    try (Repository git =
            GitRepositories.enclosing(directory)
                .orElseThrow(() -> new IOException(directory + " is not inside a git work tree"));
        RevWalk walk = new RevWalk(git)) {
      String prefix = GitRepositories.prefixOf(git, directory);
      List<String> paths = new ArrayList<>();
      for (String input : inputs) {
        paths.add(prefix.isEmpty() ? input : prefix + "/" + input);
      }
      walk.setTreeFilter(
          AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(ObjectId.fromString(commitId)));
      RevCommit last = walk.next();
      return last == null
          ? Optional.empty()
          : Optional.of(new InputChange(last.getName(), commitTime(last)));
    }
  }

  private static RevCommit parse(Repository git, ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      return walk.parseCommit(id);
    }
  }

  /**
   * The committer's time, read as 64 bits: {@link RevCommit#getCommitTime()} is an int, which wraps
   * for commits dated 2038-01-19T03:14:08Z or later.
   */
  private static Instant commitTime(RevCommit commit) throws UnreadableCommitTimeException {
    PersonIdent committer;
    try {
      committer = commit.getCommitterIdent();
    } catch (RuntimeException beyondInstant) {
      committer = null;
    }
    if (committer == null) {
      throw new UnreadableCommitTimeException(
          "the commit time of "
              + commit.getName()
              + " is not a date (missing, or beyond the year 1000000000), so it gives no generation");
    }
    return committer.getWhenAsInstant();
  }

  private static boolean isDirty(Repository git, String prefix, Collection<String> inputs)
      throws IOException {
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
}
