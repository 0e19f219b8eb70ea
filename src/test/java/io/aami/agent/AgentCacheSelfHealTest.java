package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Any damage to the agent's cache (and to its own files in the textfile directory) heals on the
 * next run: the check runs and publishes, the cache holds exactly what it should, and no run leaves
 * a temporary file behind, however often it runs.
 */
@Timeout(300)
class AgentCacheSelfHealTest extends AgentTestBase {
  private static final String OUTPUT = "healthy_ok 1\n";

  private ObjectNode check;
  private Path tmp;
  private Path cached;

  @BeforeEach
  void publishOneCheck() throws Exception {
    check = Checks.printing("healthy", OUTPUT);
    publish(check);
    tmp = Files.createDirectories(dir.resolve("tmp"));
    cached = node.cacheDir.resolve("checks/check-healthy-" + check.get("hash").asText());
  }

  private ProcessResult run() throws Exception {
    Map<String, String> env = node.environment();
    env.put("TMPDIR", tmp.toString());
    return node.run(env, "--once");
  }

  /**
   * Runs twice after the damage: both runs succeed and leave the cache and TMPDIR exactly as
   * intended.
   */
  private void assertHeals(String damage) throws Exception {
    for (int run = 1; run <= 2; run++) {
      ProcessResult result = run();
      int n = run;
      assertEquals(0, result.exitCode(), () -> damage + ", run " + n + ": " + result);
      assertEquals(OUTPUT, Files.readString(node.published("healthy")), damage);
      assertTrue(Files.isRegularFile(cached, java.nio.file.LinkOption.NOFOLLOW_LINKS), damage);
      assertEquals(List.of(cached.getFileName().toString()), node.cachedScripts(), damage);
      assertEquals(
          Set.of("agent.lock", "checks", "response.etag", "response.json", "response.url"),
          names(node.cacheDir),
          damage);
      assertEquals(Set.of(), names(tmp), damage + ": temporary files left in TMPDIR");
      assertEquals(
          Set.of("aami_agent.prom", "aami_check_healthy.prom"), names(node.textfileDir), damage);
    }
  }

  private static Set<String> names(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return new TreeSet<>(list.map(p -> p.getFileName().toString()).toList());
    }
  }

  private void firstRun() throws Exception {
    assertEquals(0, run().exitCode());
  }

  @Test
  void aDirectoryAtTheCachedScriptsPath() throws Exception {
    firstRun();
    Files.delete(cached);
    Files.createDirectories(cached.resolve("inner"));
    Files.writeString(cached.resolve("inner/file"), "x");
    assertHeals("a directory at the cached script's path");
  }

  @Test
  void aFifoAtTheCachedScriptsPath() throws Exception {
    firstRun();
    Files.delete(cached);
    assertEquals(
        0,
        Processes.run(
                List.of("mkfifo", cached.toString()), Map.of("PATH", System.getenv("PATH")), dir)
            .exitCode());
    assertHeals("a FIFO at the cached script's path");
  }

  @Test
  void aSymlinkAtTheCachedScriptsPath() throws Exception {
    firstRun();
    Path elsewhere = Files.writeString(dir.resolve("elsewhere"), Files.readString(cached));
    Files.delete(cached);
    Files.createSymbolicLink(cached, elsewhere);
    assertHeals("a symlink at the cached script's path");
  }

  @Test
  void aTruncatedCachedScript() throws Exception {
    firstRun();
    Files.writeString(cached, "print");
    assertHeals("a truncated cached script");
  }

  @Test
  void anUnreadableCachedScript() throws Exception {
    firstRun();
    Files.setPosixFilePermissions(cached, PosixFilePermissions.fromString("---------"));
    assertHeals("an unreadable cached script");
  }

  @Test
  void aFileWhereTheScriptDirectoryBelongs() throws Exception {
    firstRun();
    Path checks = node.cacheDir.resolve("checks");
    try (Stream<Path> files = Files.list(checks)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(checks);
    Files.writeString(checks, "not a directory");
    assertHeals("a file where checks/ belongs");
  }

  @Test
  void aScriptDirectoryThatLostItsPermissions() throws Exception {
    firstRun();
    Files.setPosixFilePermissions(
        node.cacheDir.resolve("checks"), PosixFilePermissions.fromString("r-x------"));
    assertHeals("checks/ without write permission");
  }

  @Test
  void aDirectoryAtTheCachedListAndTheLock() throws Exception {
    firstRun();
    for (String name : List.of("response.json", "response.etag", "agent.lock")) {
      Files.delete(node.cacheDir.resolve(name));
      Files.createDirectories(node.cacheDir.resolve(name).resolve("inner"));
    }
    assertHeals("directories at response.json, response.etag and agent.lock");
  }

  @Test
  void aDirectoryAtThePublishedFiles() throws Exception {
    firstRun();
    for (Path file : List.of(node.published("healthy"), node.agentMetricsFile())) {
      Files.delete(file);
      Files.createDirectories(file.resolve("inner"));
    }
    assertHeals("directories at the published .prom files");
  }

  @Test
  void staleTemporaryFilesOfKilledRuns() throws Exception {
    firstRun();
    Files.writeString(node.cacheDir.resolve("checks/.check-healthy.AbC123"), "partial");
    Files.createDirectories(node.cacheDir.resolve("checks/.check-healthy.DeF456/inner"));
    Files.writeString(node.cacheDir.resolve(".response.json.XyZ789"), "[");
    Files.createDirectories(node.cacheDir.resolve(".response.url.QrS012"));
    Files.writeString(node.textfileDir.resolve(".aami_check_healthy.prom.tmp.Abc"), "x 1\n");
    assertHeals("temporary files of killed runs");
  }
}
