package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --rev} must name a commit; anything else is a usage error (exit 2), not an I/O failure.
 */
class RevisionArgumentTest {
  @TempDir Path repo;
  private RevCommit commit;
  private String blob;

  @BeforeEach
  void commit() throws Exception {
    Files.createDirectories(repo.resolve("inventory"));
    Files.writeString(
        repo.resolve("inventory/groups.yaml"), "apiVersion: aami/v1\nkind: Group\nid: g\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      commit =
          git.commit()
              .setMessage("one group")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call();
      try (TreeWalk walk =
          TreeWalk.forPath(git.getRepository(), "inventory/groups.yaml", commit.getTree())) {
        blob = walk.getObjectId(0).getName();
      }
    }
  }

  @Test
  void aTreeIdIsAUsageError() {
    Cli run = Cli.run("validate", "--repo", repo.toString(), "--rev", commit.getTree().getName());

    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("names a tree, not a commit"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void aBlobIdIsAUsageError() {
    Cli run = Cli.run("validate", "--repo", repo.toString(), "--rev", blob);

    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("names a blob, not a commit"), run.err());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"HEAD^{tree}", "HEAD:inventory/groups.yaml", "HEAD:inventory", "HEAD~5", "a..b"})
  void otherRevisionsThatAreNoCommitAreUsageErrors(String revision) {
    Cli run = Cli.run("validate", "--repo", repo.toString(), "--rev", revision);

    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--rev " + revision + ": "), run.err());
  }

  @Test
  void theCommitItselfValidates() {
    Cli run = Cli.run("validate", "--repo", repo.toString(), "--rev", commit.getName());

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
  }
}
