package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not regular files, in the places a repository reads: a FIFO (opening one blocks
 * until a writer comes), a character device (never ends), and names the platform cannot decode.
 * Each is a located error and the rest of the repository is still checked. The timeout only guards
 * against the hang these cases once caused; it measures nothing.
 */
class SpecialFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final String GROUP = "apiVersion: aami/v1\nkind: Group\nid: ok\n";
  private static final String TEMPLATE =
      """
                                         apiVersion: aami/v1
                                         kind: ScriptTemplate
                                         name: disk
                                         version: 1.0.0
                                         language: bash
                                         script_file: %s
                                         """;

  @TempDir Path repo;

  @Test
  void aFifoAmongTheYamlFilesIsALocatedError() throws Exception {
    write("inventory/groups.yaml", GROUP);
    special("inventory/pipe.yaml", "mkfifo");

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("inventory/pipe.yaml: error[io/read]: not a regular file"), run.err());
  }

  @Test
  void aSymlinkToAFifoIsALocatedError() throws Exception {
    write("inventory/groups.yaml", GROUP);
    special("data/pipe", "mkfifo");
    Files.createSymbolicLink(repo.resolve("inventory/link.yaml"), Path.of("../data/pipe"));

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("inventory/link.yaml: error[io/read]: not a regular file"), run.err());
  }

  @Test
  void aFifoAsScriptFileIsAnErrorAtTheReference() throws Exception {
    special("templates/disk.sh", "mkfifo");
    write("templates/disk.yaml", TEMPLATE.formatted("disk.sh"));

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "templates/disk.yaml:6:14: error[script/file]: script_file 'disk.sh'"
                    + " is not a regular file"),
        run.err());
  }

  @Test
  void aSymlinkedFifoAsScriptFileIsAnErrorAtTheReference() throws Exception {
    special("scripts/pipe", "mkfifo");
    Files.createDirectories(repo.resolve("templates"));
    Files.createSymbolicLink(repo.resolve("templates/disk.sh"), Path.of("../scripts/pipe"));
    write("templates/disk.yaml", TEMPLATE.formatted("disk.sh"));

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("error[script/file]: script_file 'disk.sh' is not a regular file"),
        run.err());
  }

  @Test
  void aCharacterDeviceIsALocatedErrorNotAnEndlessRead() throws Exception {
    write("inventory/groups.yaml", GROUP);
    special("inventory/zero.yaml", "mknod", "c", "1", "5");
    special("templates/zero.sh", "mknod", "c", "1", "5");
    write("templates/disk.yaml", TEMPLATE.formatted("zero.sh"));

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("inventory/zero.yaml: error[io/read]: not a regular file"), run.err());
    assertTrue(run.err().contains("script_file 'zero.sh' is not a regular file"), run.err());
  }

  @Test
  void aFileNameThatIsNotUtf8IsReportedAsSuchNotAsADanglingLink() throws Exception {
    write("inventory/groups.yaml", GROUP);
    Path dir = repo.resolve("inventory");
    Process touch =
        new ProcessBuilder(
                "bash",
                "-c",
                "printf 'apiVersion: aami/v1\\nkind: Group\\nid: x\\n'"
                    + " > \"$1\"/$'caf\\xe9.yaml'",
                "bash",
                dir.toString())
            .inheritIO()
            .start();
    assertTrue(touch.waitFor(30, TimeUnit.SECONDS) && touch.exitValue() == 0);

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertFalse(run.err().contains("dangling"), run.err());
    assertTrue(
        run.err().contains("error[io/read]: cannot read the file: the file name is not valid"),
        run.err());
  }

  @Test
  void anUnlistableDirectoryIsReportedWithoutAJavaExceptionName() throws Exception {
    write("inventory/groups.yaml", GROUP);
    Path locked = Files.createDirectories(repo.resolve("inventory/locked"));
    write("inventory/locked/more.yaml", GROUP.replace("id: ok", "id: more"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(locked), "permissions are not enforced for this user (root)");

      Cli run = validate();

      assertEquals(ExitCode.ERROR, run.exitCode(), run.err());
      assertTrue(run.err().startsWith("aami: error: " + locked + ": permission denied"), run.err());
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void anUnreadableScriptFileErrorSaysWhy() throws Exception {
    write("templates/disk.sh", "#!/usr/bin/env bash\necho ok 1\n");
    write("templates/disk.yaml", TEMPLATE.formatted("disk.sh"));
    Path script = repo.resolve("templates/disk.sh");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(script), "permissions are not enforced for this user (root)");

    Cli run = validate();

    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("cannot read script_file 'disk.sh': permission denied"), run.err());
  }

  private Cli validate() {
    Cli run =
        assertTimeoutPreemptively(HANG_GUARD, () -> Cli.run("validate", "--repo", repo.toString()));
    assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    return run;
  }

  private void special(String path, String... command) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    List<String> argv = new java.util.ArrayList<>(List.of(command));
    argv.add(1, file.toString());
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, command[0] + " is not available: " + e.getMessage());
      return;
    }
    boolean done = process.waitFor(30, TimeUnit.SECONDS);
    assumeTrue(
        done && process.exitValue() == 0,
        String.join(" ", argv)
            + " failed (needs root for"
            + " devices): "
            + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private void write(String path, String content) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
