package io.aami.testing;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository made with jgit in a temporary directory: files written, then committed. */
public final class GitRepo implements AutoCloseable {
  private final Git git;
  private final TestRepo files;

  private GitRepo(Git git, Path root) {
    this.git = git;
    this.files = new TestRepo(root);
  }

  public static GitRepo init(Path root) throws Exception {
    return new GitRepo(
        Git.init().setDirectory(root.toFile()).setInitialBranch("main").call(), root);
  }

  public Path root() {
    return files.root();
  }

  public Git git() {
    return git;
  }

  public GitRepo file(String path, String content) {
    files.file(path, content);
    return this;
  }

  public GitRepo delete(String path) throws Exception {
    java.nio.file.Files.delete(root().resolve(path));
    return this;
  }

  /** Stages everything (deletions too) and commits; returns the commit id. */
  public String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    RevCommit commit =
        git.commit()
            .setMessage(message)
            .setAuthor("t", "t@example.com")
            .setCommitter("t", "t@example.com")
            .setSign(false)
            .call();
    return commit.getName();
  }

  public GitRepo branch(String name) throws Exception {
    git.checkout().setCreateBranch(true).setName(name).call();
    return this;
  }

  @Override
  public void close() {
    git.close();
  }
}
