package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code aami init --force} never writes through a symbolic link: a link at any path it writes (a
 * file, a directory on the way, {@code .git}) is refused with its path before anything is written,
 * and what the link points at is untouched.
 */
class InitSymlinkTest {
  @TempDir Path tmp;

  private List<String> tree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.map(p -> root.relativize(p) + (Files.isSymbolicLink(p) ? "@" : ""))
          .sorted()
          .toList();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".gitignore",
        ".gitlab-ci.yml",
        "aami.yaml",
        ".github/workflows/aami.yml",
        "inventory/targets/node-01.yaml",
        "policies/alerts/load-high.yaml"
      })
  void aLinkInPlaceOfAFileIsRefusedAndItsTargetUntouched(String path) throws Exception {
    Path dir = tmp.resolve("repo");
    Path outside = tmp.resolve("outside.txt");
    Files.writeString(outside, "precious\n");
    Files.createDirectories(dir.resolve(path).getParent());
    Files.createSymbolicLink(dir.resolve(path), outside);
    List<String> before = tree(dir);

    Cli run = Cli.run("init", "--force", dir.toString());
    assertEquals(ExitCode.ERROR, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                dir.resolve(path) + ": is a symbolic link; aami init never writes through links"),
        run.err());
    assertEquals("precious\n", Files.readString(outside));
    assertEquals(before, tree(dir), "nothing is written, no repository is made");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".github",
        ".github/workflows",
        "inventory",
        "inventory/targets",
        "templates",
        ".git"
      })
  void aLinkInPlaceOfADirectoryIsRefused(String path) throws Exception {
    Path dir = tmp.resolve("repo");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createDirectories(dir.resolve(path).getParent());
    Files.createSymbolicLink(dir.resolve(path), outside);
    List<String> before = tree(dir);

    Cli run = Cli.run("init", "--force", dir.toString());
    assertEquals(ExitCode.ERROR, run.exitCode(), run.err());
    assertTrue(run.err().contains(dir.resolve(path) + ": is a symbolic link"), run.err());
    assertEquals(List.of(""), tree(outside), "nothing is written where the link points");
    assertEquals(before, tree(dir));
  }

  @Test
  void aDanglingLinkAndAFifoAreRefusedToo() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("repo"));
    Files.createSymbolicLink(dir.resolve(".gitignore"), tmp.resolve("would-be-created"));
    Cli dangling = Cli.run("init", "--force", dir.toString());
    assertEquals(ExitCode.ERROR, dangling.exitCode(), dangling.err());
    assertFalse(Files.exists(tmp.resolve("would-be-created")));

    Files.delete(dir.resolve(".gitignore"));
    assertEquals(
        0, new ProcessBuilder("mkfifo", dir.resolve(".gitignore").toString()).start().waitFor());
    Cli fifo =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> Cli.run("init", "--force", dir.toString()));
    assertEquals(ExitCode.ERROR, fifo.exitCode(), fifo.err());
    assertTrue(
        fifo.err().contains(dir.resolve(".gitignore") + ": is not a regular file"), fifo.err());
  }

  @Test
  void regularFilesAreStillReplacedWithForce() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(dir.resolve(".gitignore"), "old\n");
    Files.writeString(dir.resolve("notes.txt"), "mine\n");
    Cli run = Cli.run("init", "--force", dir.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertFalse(Files.readString(dir.resolve(".gitignore")).equals("old\n"));
    assertEquals("mine\n", Files.readString(dir.resolve("notes.txt")));
  }
}
