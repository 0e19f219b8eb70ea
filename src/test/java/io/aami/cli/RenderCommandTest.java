package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
  private static final Path SEED =
      Golden.projectDir().resolve("src/test/resources/golden/checks/seed");
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_500_000_000_000L);

  @TempDir Path tmp;
  private Path repo;
  private Path out;

  @BeforeEach
  void copySeedRepository() throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("public");
    Trees.copy(SEED.resolve("input"), repo);
  }

  private Cli render(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("render", "--repo", repo.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void publishesTheGoldenSite() throws Exception {
    Cli run = render();
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals(
        "",
        run.err()
            .lines()
            .filter(
                line ->
                    !line.contains("warning[target/no-group]: target 'lab-01'")
                        && !line.startsWith(" ")
                        && !line.startsWith("aami: "))
            .reduce("", String::concat),
        run.err());
    assertEquals(
        "aami: published 35 files to " + out + " (35 added, 0 changed, 0 removed)\n", run.out());
    assertEquals(Trees.readTextTree(SEED.resolve("expected")), Trees.readTextTree(out));
  }

  @Test
  void theCheckFilesByIdAndByHostnameAreIdenticalAndMatchTheSeedsExamples() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Path api = out.resolve("api/v1/checks/target");
    ObjectMapper json = new ObjectMapper();
    for (String id : List.of("gpu-node-01", "storage-node-01", "gpu-db-01", "dev-01", "lab-01")) {
      assertEquals(
          Files.readString(api.resolve(id)),
          Files.readString(api.resolve("hostname/" + id + ".example.internal")));
    }
    assertEquals(
        "[\"/mnt/models\",\"/mnt/scratch\",\"/mnt/datasets\"]",
        mountPoints(json.readTree(api.resolve("gpu-node-01").toFile())));
    assertEquals(
        "[\"/data\"]", mountPoints(json.readTree(api.resolve("storage-node-01").toFile())));
    assertEquals("[\"/srv/db\"]", mountPoints(json.readTree(api.resolve("gpu-db-01").toFile())));
    assertEquals("[\"/data\"]", mountPoints(json.readTree(api.resolve("dev-01").toFile())));
    JsonNode check = json.readTree(api.resolve("gpu-node-01").toFile()).get(0);
    List<String> fields = new ArrayList<>();
    check.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "config",
            "hash",
            "instance_id",
            "language",
            "name",
            "script_content",
            "script_type",
            "timeout_seconds",
            "version"),
        fields);
    String independent =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(check.get("script_content").asText().getBytes(StandardCharsets.UTF_8)));
    assertEquals(independent, check.get("hash").asText());
  }

  private static String mountPoints(JsonNode checks) {
    for (JsonNode c : checks) {
      if (c.get("name").asText().equals("check-mount-points")) {
        return c.at("/config/mount_points").toString();
      }
    }
    throw new AssertionError("no mount check in " + checks);
  }

  @Test
  void aSecondRenderOfTheSameRepositoryTouchesNothing() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Trees.setMtimes(out, LONG_AGO);
    Map<String, FileTime> before = Trees.mtimes(out);
    Cli again = render();
    assertEquals(ExitCode.OK, again.exitCode(), again.err());
    assertEquals("aami: " + out + " is up to date (35 files); nothing written\n", again.out());
    assertEquals(before, Trees.mtimes(out));
  }

  @Test
  void anEditChangesOnlyTheAffectedFilesAndKeepsTheOthersMtime() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Trees.setMtimes(out, LONG_AGO);
    Path policies = repo.resolve("policies/mount-points.yaml");
    Files.writeString(
        policies, Files.readString(policies).replace("/mnt/datasets", "/mnt/datasets2"));
    Cli run = render();
    assertEquals(
        "aami: published 35 files to " + out + " (0 added, 9 changed, 0 removed)\n", run.out());
    assertEquals(
        LONG_AGO, Files.getLastModifiedTime(out.resolve("api/v1/checks/target/storage-node-01")));
    assertTrue(
        Files.getLastModifiedTime(out.resolve("api/v1/checks/target/gpu-node-01"))
                .compareTo(LONG_AGO)
            > 0);
  }

  @Test
  void twoRendersAreByteIdenticalEvenInAnotherJvm() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Path second = tmp.resolve("second");
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Constant identity hash codes: output must not depend on identity or hash
                // iteration order.
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:hashCode=2",
                "-cp",
                System.getProperty("java.class.path"),
                "io.aami.cli.Main",
                "render",
                "--repo",
                repo.toString(),
                "--out",
                second.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(java.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, java.exitValue(), output);
    assertEquals(Trees.readTextTree(out), Trees.readTextTree(second));
  }

  @Test
  void aRenderInAnotherProcessWaitsForTheLockOfTheRenderInProgress() throws Exception {
    Path lock = tmp.resolve(".public.aami.lock");
    Process other;
    try (FileChannel channel =
            FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      other =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.aami.cli.Main",
                  "render",
                  "--repo",
                  repo.toString(),
                  "--out",
                  out.toString())
              .redirectErrorStream(true)
              .start();
      // Without the lock it would have published within this time; with it, it must still wait.
      assertFalse(
          other.waitFor(4, TimeUnit.SECONDS), "the second render did not wait for the lock");
      assertFalse(Files.exists(out));
    }
    String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(other.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, other.exitValue(), output);
    assertEquals(Trees.readTextTree(SEED.resolve("expected")), Trees.readTextTree(out));
  }

  @Test
  void checkPassesThenFailsAfterAnEditAndWritesNothing() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Cli clean = render("--check");
    assertEquals(ExitCode.OK, clean.exitCode(), clean.err());
    assertEquals("aami: " + out + " is up to date (35 files)\n", clean.out());

    Path targets = repo.resolve("inventory/targets.yaml");
    Files.writeString(
        targets,
        Files.readString(targets).replace("groups: [storage-cluster]", "groups: [gpu-cluster]"));
    Map<String, FileTime> before = Trees.mtimes(out);
    Map<String, String> content = Trees.readTextTree(out);
    Cli dirty = render("--check");
    assertEquals(ExitCode.FAILED, dirty.exitCode());
    assertEquals(
        """
        removed  prometheus/file_sd/storage-cluster.json
        changed  api/v1/checks/target/hostname/storage-node-01.example.internal
        changed  api/v1/checks/target/storage-node-01
        changed  api/v2/checks/target/hostname/storage-node-01.example.internal
        changed  api/v2/checks/target/storage-node-01
        changed  manifest.json
        changed  prometheus/file_sd/gpu-cluster.json
        aami: %s differs from what render would write: 0 added, 1 removed, 6 changed; run 'aami render --out %s'
        """
            .formatted(out, out),
        dirty.out());
    assertEquals(before, Trees.mtimes(out));
    assertEquals(content, Trees.readTextTree(out));
  }

  @Test
  void checkOfAMissingDirectoryListsEveryFileAsAdded() {
    Cli run = render("--check");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(run.out().startsWith("added    api/v1/checks/target/dev-01\n"), run.out());
    assertFalse(Files.exists(out));
  }

  @Test
  void filesOfRemovedTargetsDisappear() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Path targets = repo.resolve("inventory/targets.yaml");
    String text = Files.readString(targets);
    int start = text.indexOf("  - apiVersion: aami/v1\n    kind: Target\n    id: dev-01");
    int end = text.indexOf("  - apiVersion", start + 1);
    Files.writeString(targets, text.substring(0, start) + text.substring(end));
    Cli run = render();
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("(0 added, 1 changed, 5 removed)"), run.out());
    assertFalse(Files.exists(out.resolve("api/v1/checks/target/dev-01")));
    assertFalse(Files.exists(out.resolve("api/v1/checks/target/hostname/dev-01.example.internal")));
    assertFalse(Files.exists(out.resolve("api/v2/checks/target/dev-01")));
    assertFalse(
        Files.exists(out.resolve("prometheus/file_sd/development.json")),
        "its group lost its last target");
    assertFalse(Files.readString(out.resolve("manifest.json")).contains("dev-01"));
  }

  @Test
  void invalidRepositoryIsRefusedAndNothingIsWritten() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Map<String, FileTime> before = Trees.mtimes(out);
    Files.writeString(
        repo.resolve("policies/mount-points.yaml"),
        Files.readString(repo.resolve("policies/mount-points.yaml"))
            .replace("priority: 200", "priority: high"));
    Cli run = render();
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertEquals("", run.out());
    assertTrue(
        run.err().contains("policies/mount-points.yaml:32:11: error[format/priority]"), run.err());
    assertTrue(
        run.err()
            .endsWith("aami: render refused: fix the errors above first; nothing was written\n"),
        run.err());
    assertEquals(before, Trees.mtimes(out));
  }

  /** Renders after giving gpu-node-02 (declared at inventory/targets.yaml:13) another hostname. */
  private Cli renderWithTheHostnameOfGpuNode02(String hostname) throws IOException {
    Path targets = repo.resolve("inventory/targets.yaml");
    Files.writeString(
        targets,
        Files.readString(targets)
            .replace("hostname: gpu-node-02.example.internal", "hostname: " + hostname));
    return render();
  }

  @Test
  void twoTargetsWithOneHostnameAreRefused() throws Exception {
    Cli run = renderWithTheHostnameOfGpuNode02("GPU-node-01.example.internal");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "inventory/targets.yaml:13:15: error[ref/duplicate-id]: target 'gpu-node-02' "
                    + "repeats hostname 'GPU-node-01.example.internal' of target 'gpu-node-01'"),
        run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aTargetCalledHostnameIsRefused() throws Exception {
    Path targets = repo.resolve("inventory/targets.yaml");
    Files.writeString(targets, Files.readString(targets).replace("id: lab-01", "id: hostname"));
    Cli run = render();
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err().contains("error[target/path]: target id 'hostname' is reserved"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aDirectoryAamiDidNotCreateIsNotReplaced() throws Exception {
    Files.createDirectories(out);
    Files.writeString(out.resolve("index.html"), "<h1>mine</h1>");
    Cli run = render();
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("is not empty and has no manifest.json"), run.err());
    assertEquals(Map.of("index.html", "<h1>mine</h1>"), Trees.readTextTree(out));
  }

  @Test
  void outputInsideTheRepositorysInputsIsRefused() {
    out = repo.resolve("policies/site");
    Cli run = render();
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("is inside the repository's policies/ directory"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void outputThatIsOrContainsTheRepositoryIsRefusedEvenWithAManifestJsonThere() throws Exception {
    // A project whose root has a manifest.json of its own (say, a web app): render must not wipe
    // it.
    Files.writeString(repo.resolve("manifest.json"), "{\"name\": \"web app\"}\n");
    Map<String, String> before = Trees.readTextTree(repo);
    Path link = Files.createSymbolicLink(tmp.resolve("link-to-repo"), repo);
    for (Path dangerous : List.of(repo, tmp, link, repo.resolve("inventory/.."))) {
      out = dangerous;
      Cli run = render();
      assertEquals(ExitCode.USAGE, run.exitCode(), dangerous + ": " + run.err());
      assertTrue(
          run.err()
              .contains(
                  " the repository "
                      + repo.toRealPath()
                      + ", and render replaces --out as a "
                      + "whole; choose a directory outside it"),
          run.err());
      assertEquals(ExitCode.USAGE, render("--check").exitCode(), dangerous.toString());
    }
    assertEquals(before, Trees.readTextTree(repo));
  }

  @Test
  void outputThatIsAFileIsAUsageErrorAndTheFileSurvives() throws Exception {
    Files.writeString(out, "notes");
    Cli run = render();
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertEquals(
        "aami: "
            + out
            + " exists and is not a directory; --out must name a directory "
            + "(it is created if missing)\n",
        run.err());
    assertEquals("notes", Files.readString(out));
  }

  @Test
  void anOutputWhereNothingCanBeCreatedIsAnIoErrorThatSaysWhy() {
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self")),
        "needs Linux /proc, where no file can be created");
    out = Path.of("/proc/aami-render-test");
    Cli run = render();
    assertEquals(ExitCode.ERROR, run.exitCode());
    assertEquals(
        """
                 aami: error: /proc/.aami-render-test.aami.lock: no such file or directory
                 (run with --verbose for details)
                 """,
        run.err());
  }

  @Test
  void aHostnameThatWouldEscapeTheOutputDirectoryIsRejectedBeforeAnythingIsWritten()
      throws Exception {
    Cli run = renderWithTheHostnameOfGpuNode02("../../../etc/cron.d/x");
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "inventory/targets.yaml:13:15: error[schema]: invalid value '../../../etc/cron.d/x': "
                    + "must be a host name"),
        run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void outIsRequired() {
    Cli run = Cli.run("render", "--repo", repo.toString());
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("Missing required option: '--out=DIR'"), run.err());
  }

  @Test
  void manifestNamesTheCommitAndTheDirtyStateOfARealGitRepository() throws Exception {
    RevCommit commit;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      commit =
          git.commit()
              .setMessage("monitoring")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call();
    }
    assertEquals(ExitCode.OK, render().exitCode());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(commit.getName(), manifest.at("/source/commit").asText());
    assertFalse(manifest.at("/source/dirty").asBoolean());
    assertEquals(
        java.time.Instant.ofEpochSecond(commit.getCommitTime()).toString(),
        manifest.at("/source/commit_time").asText());
    assertEquals(
        35, manifest.at("/counts/files").asInt(), "with the fleet-health rules and generation");
    assertEquals(6, manifest.at("/counts/targets").asInt());
    JsonNode first = manifest.at("/files/0");
    assertEquals("api/v1/checks/target/dev-01", first.get("path").asText());
    byte[] bytes = Files.readAllBytes(out.resolve(first.get("path").asText()));
    assertEquals(bytes.length, first.get("size").asInt());
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        first.get("sha256").asText());

    Files.writeString(
        repo.resolve("policies/disk-usage.yaml"),
        Files.readString(repo.resolve("policies/disk-usage.yaml"))
            + "\n# a comment is still an edit\n");
    assertEquals(ExitCode.OK, render().exitCode());
    JsonNode dirty = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(commit.getName(), dirty.at("/source/commit").asText());
    assertTrue(dirty.at("/source/dirty").asBoolean());
  }

  @Test
  void checkAcceptsCommittedOutputWhoseManifestNamesTheParentCommit() throws Exception {
    out = repo.resolve("public");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("inputs")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .setSign(false)
          .call();
      assertEquals(ExitCode.OK, render().exitCode());
      git.add().addFilepattern("public").call();
      git.commit()
          .setMessage("rendered output")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .setSign(false)
          .call();
    }
    Cli check = render("--check");
    assertEquals(ExitCode.OK, check.exitCode(), check.out());
  }

  @Test
  void renderingAGitRevisionIgnoresTheWorkTreeAndNamesThatCommit() throws Exception {
    RevCommit commit;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      commit =
          git.commit()
              .setMessage("monitoring")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call();
    }
    Path policies = repo.resolve("policies/mount-points.yaml");
    Files.writeString(
        policies, Files.readString(policies).replace("/mnt/datasets", "/mnt/uncommitted"));
    Cli run = render("--rev", "HEAD");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(commit.getName(), manifest.at("/source/commit").asText());
    assertFalse(manifest.at("/source/dirty").asBoolean());
    assertEquals(
        Files.readString(SEED.resolve("expected/api/v1/checks/target/gpu-node-01")),
        Files.readString(out.resolve("api/v1/checks/target/gpu-node-01")));
  }
}
