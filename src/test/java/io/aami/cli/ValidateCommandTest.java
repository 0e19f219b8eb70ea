package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path tmp;

  private Path fixture(String name) throws Exception {
    Path repo = tmp.resolve(name);
    Trees.copy(
        Golden.projectDir().resolve("src/test/resources/golden/report/" + name + "/input"), repo);
    return repo;
  }

  @Test
  void cleanRepositoryExitsZeroAndSaysSo() throws Exception {
    Cli run = Cli.run("validate", "--repo", fixture("clean").toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("no problems"), run.err());
  }

  @Test
  void problemsExitOneWithLocatedTextOnStderr() throws Exception {
    Cli run = Cli.run("validate", "--repo", fixture("problems").toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals("", run.out());
    assertTrue(
        run.err()
            .contains("templates/a.yaml:13:10: error[yaml/type-trap]: 'version' must be a string"),
        run.err());
    assertTrue(run.err().contains("    version: 1.0\n             ^\n"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void machineFormatsGoToStdout() throws Exception {
    Path repo = fixture("problems");
    Cli json = Cli.run("validate", "--repo", repo.toString(), "--format", "json");
    assertEquals(ExitCode.FAILED, json.exitCode());
    assertTrue(json.out().startsWith("{\n  \"format_version\": 1,"), json.out());
    assertEquals("", json.err());
    Cli github = Cli.run("validate", "--repo", repo.toString(), "--format=github");
    assertTrue(
        github.out().contains("::error file=templates/a.yaml,line=13,col=10,"), github.out());
    Cli junit = Cli.run("validate", "--repo", repo.toString(), "-f", "junit");
    assertTrue(junit.out().startsWith("<?xml"), junit.out());
  }

  @Test
  void missingRepositoryIsAUsageError() {
    Cli run = Cli.run("validate", "--repo", tmp.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("no such directory"), run.err());
  }

  @Test
  void directoryWithoutContentIsNotARepository() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    Cli run = Cli.run("validate", "--repo", tmp.resolve("empty").toString());
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("not an aami repository"), run.err());
  }

  @Test
  void unknownFormatIsAUsageErrorListingChoices() throws Exception {
    Cli run = Cli.run("validate", "--repo", fixture("clean").toString(), "--format", "xml");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("text, json, github, junit"), run.err());
  }

  @Test
  void unreadableFileIsReportedNotThrown() throws Exception {
    Path repo = fixture("clean");
    Files.write(repo.resolve("inventory/binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    Cli run = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.err().contains("inventory/binary.yaml:1:1: error[yaml/encoding]"), run.err());
  }

  @Test
  void revValidatesACommitNotTheWorkTree() throws Exception {
    Path repo = fixture("clean");
    try (org.eclipse.jgit.api.Git git =
        org.eclipse.jgit.api.Git.init().setDirectory(tmp.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("clean")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .setSign(false)
          .call();
    }
    Files.writeString(repo.resolve("inventory/inventory.yaml"), "kind: [broken");
    assertEquals(ExitCode.FAILED, Cli.run("validate", "--repo", repo.toString()).exitCode());
    Cli atHead = Cli.run("validate", "--repo", repo.toString(), "--rev", "HEAD");
    assertEquals(ExitCode.OK, atHead.exitCode(), atHead.err());
    Cli unknown = Cli.run("validate", "--repo", repo.toString(), "--rev", "nope");
    assertEquals(ExitCode.USAGE, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown git revision 'nope'"), unknown.err());
  }

  @Test
  void revOutsideGitIsAUsageError() throws Exception {
    Cli run = Cli.run("validate", "--repo", fixture("clean").toString(), "--rev", "HEAD");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("not inside a git work tree"), run.err());
  }

  @Test
  void warningsPassUnlessStrict() throws Exception {
    Path repo = fixture("clean");
    Path template = repo.resolve("templates/check-uptime.yaml");
    Files.writeString(template, Files.readString(template).replace("#!/bin/sh", "#!/bin/bash"));
    Cli lenient = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.OK, lenient.exitCode(), lenient.err());
    assertTrue(lenient.err().contains("warning[script/shebang]"), lenient.err());
    assertTrue(lenient.err().contains("0 errors, 1 warning"), lenient.err());
    Cli strict = Cli.run("validate", "--repo", repo.toString(), "--strict");
    assertEquals(ExitCode.FAILED, strict.exitCode(), strict.err());
    Cli strictJson = Cli.run("validate", "--repo", repo.toString(), "--strict", "--format", "json");
    assertEquals(ExitCode.FAILED, strictJson.exitCode());
    assertTrue(
        strictJson.out().contains("\"ok\": true"),
        "json 'ok' means no errors: " + strictJson.out());
  }

  @Test
  void brokenGitObjectIsAnIoErrorWithAStackTraceOnlyWhenVerbose() throws Exception {
    Path repo = fixture("clean");
    org.eclipse.jgit.lib.ObjectId inventoryTree;
    try (org.eclipse.jgit.api.Git git =
        org.eclipse.jgit.api.Git.init().setDirectory(tmp.toFile()).call()) {
      git.add().addFilepattern(".").call();
      org.eclipse.jgit.revwalk.RevCommit commit =
          git.commit()
              .setMessage("clean")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call();
      try (org.eclipse.jgit.treewalk.TreeWalk walk =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(
              git.getRepository(), "clean/inventory", commit.getTree())) {
        inventoryTree = walk.getObjectId(0);
      }
    }
    String name = inventoryTree.getName();
    Files.delete(
        tmp.resolve(".git/objects").resolve(name.substring(0, 2)).resolve(name.substring(2)));

    Cli quiet = Cli.run("validate", "--repo", repo.toString(), "--rev", "HEAD");
    assertEquals(ExitCode.ERROR, quiet.exitCode(), quiet.err());
    assertTrue(quiet.err().startsWith("aami: error: "), quiet.err());
    assertTrue(quiet.err().contains("(run with --verbose for details)"), quiet.err());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    assertEquals("", quiet.out());

    Cli verbose = Cli.run("validate", "--repo", repo.toString(), "--rev", "HEAD", "--verbose");
    assertEquals(ExitCode.ERROR, verbose.exitCode());
    assertTrue(verbose.err().contains("\tat org.eclipse.jgit"), verbose.err());
  }
}
