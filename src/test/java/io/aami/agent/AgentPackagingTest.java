package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ships with the agent: shell quality, the installer and the systemd units. */
class AgentPackagingTest {
  static final Path AGENT_DIR = Tools.projectDir().resolve("agent");
  static final Map<String, String> PATH_ONLY = Map.of("PATH", System.getenv("PATH"));

  @TempDir Path dir;

  private static List<String> shellFiles() throws Exception {
    try (Stream<Path> files = Files.list(AGENT_DIR)) {
      return files
          .filter(file -> file.toString().endsWith(".sh"))
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }

  @Test
  void everyShellFilePassesShellcheck() throws Exception {
    Tools.assumeOnPath("shellcheck");
    List<String> command =
        new ArrayList<>(List.of("shellcheck", "--shell=bash", "--severity=style"));
    List<String> files = shellFiles();
    assertEquals(
        List.of(
            AGENT_DIR.resolve("dynamic-check.sh").toString(),
            AGENT_DIR.resolve("install.sh").toString()),
        files);
    command.addAll(files);

    ProcessResult result = Processes.run(command, PATH_ONLY, dir);

    assertEquals(0, result.exitCode(), result::toString);
  }

  @Test
  void installStagesTheAgentUnitsAndConfig() throws Exception {
    AgentHarness.assumeAgentTools();
    Path root = dir.resolve("root");

    ProcessResult result =
        Processes.run(
            List.of(
                "bash", AGENT_DIR.resolve("install.sh").toString(), "--destdir", root.toString()),
            PATH_ONLY,
            dir);

    assertEquals(0, result.exitCode(), result::toString);
    Path script = root.resolve("usr/local/lib/aami/dynamic-check.sh");
    assertEquals(Files.readString(AGENT_DIR.resolve("dynamic-check.sh")), Files.readString(script));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
    for (String unit : List.of("aami-dynamic-check.service", "aami-dynamic-check.timer")) {
      assertEquals(
          Files.readString(AGENT_DIR.resolve(unit)),
          Files.readString(root.resolve("etc/systemd/system/" + unit)));
    }
    Path conf = root.resolve("etc/aami/agent.conf");
    assertEquals(Files.readString(AGENT_DIR.resolve("agent.conf.example")), Files.readString(conf));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
    assertFalse(
        Files.exists(root.resolve("etc/systemd/system/aami-dynamic-check.service.d")),
        "no drop-in for the default user and directory");
  }

  @Test
  void reinstallingNeverOverwritesTheConfig() throws Exception {
    AgentHarness.assumeAgentTools();
    Path root = dir.resolve("root");
    Path conf = root.resolve("etc/aami/agent.conf");
    Files.createDirectories(conf.getParent());
    Files.writeString(conf, "AAMI_BASE_URL=https://mine.example.org\n");

    ProcessResult result =
        Processes.run(
            List.of(
                "bash", AGENT_DIR.resolve("install.sh").toString(), "--destdir", root.toString()),
            PATH_ONLY,
            dir);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("AAMI_BASE_URL=https://mine.example.org\n", Files.readString(conf));
  }

  @Test
  void anotherUserAndTextfileDirectoryGoIntoADropIn() throws Exception {
    AgentHarness.assumeAgentTools();
    Path root = dir.resolve("root");

    ProcessResult result =
        Processes.run(
            List.of(
                "bash",
                AGENT_DIR.resolve("install.sh").toString(),
                "--destdir",
                root.toString(),
                "--user",
                "root",
                "--textfile-dir",
                "/srv/textfile"),
            PATH_ONLY,
            dir);

    assertEquals(0, result.exitCode(), result::toString);
    String dropIn =
        Files.readString(
            root.resolve("etc/systemd/system/aami-dynamic-check.service.d/install.conf"));
    assertTrue(dropIn.contains("\nUser=root\nGroup=root\n"), dropIn);
    assertTrue(dropIn.contains("\nCapabilityBoundingSet=~\n"), dropIn);
    assertTrue(dropIn.contains("\nEnvironment=AAMI_TEXTFILE_DIR=/srv/textfile\n"), dropIn);
    assertTrue(dropIn.contains("\nReadWritePaths=-/srv/textfile\n"), dropIn);
  }

  @Test
  void installWithoutRootOrDestdirRefuses() throws Exception {
    AgentHarness.assumeAgentTools();
    ProcessResult whoami = Processes.run(List.of("id", "-u"), PATH_ONLY, dir);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        whoami.stdout().strip().equals("0"),
        "skipped: running as root, where a live install would really happen");

    ProcessResult result =
        Processes.run(List.of("bash", AGENT_DIR.resolve("install.sh").toString()), PATH_ONLY, dir);

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("run as root"), result.stderr());
  }

  @Test
  void theSystemdUnitsVerify() throws Exception {
    Tools.assumeOnPath("systemd-analyze");
    // ExecStart must name an existing executable for verify; point it at this checkout's script.
    String service =
        Files.readString(AGENT_DIR.resolve("aami-dynamic-check.service"))
            .replace(
                "/usr/local/lib/aami/dynamic-check.sh",
                AGENT_DIR.resolve("dynamic-check.sh").toString());
    Files.writeString(dir.resolve("aami-dynamic-check.service"), service);
    Files.copy(
        AGENT_DIR.resolve("aami-dynamic-check.timer"), dir.resolve("aami-dynamic-check.timer"));

    ProcessResult result =
        Processes.run(
            List.of(
                "systemd-analyze",
                "verify",
                dir.resolve("aami-dynamic-check.service").toString(),
                dir.resolve("aami-dynamic-check.timer").toString()),
            PATH_ONLY,
            dir);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals("", result.stderr(), result::toString);
  }

  @Test
  void theServiceIsHardenedAndTheTimerRunsEveryMinute() throws Exception {
    String service = Files.readString(AGENT_DIR.resolve("aami-dynamic-check.service"));
    String timer = Files.readString(AGENT_DIR.resolve("aami-dynamic-check.timer"));

    for (String setting :
        List.of(
            "Type=oneshot",
            "ExecStart=/usr/local/lib/aami/dynamic-check.sh --once",
            "User=aami-agent",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=",
            "CacheDirectory=aami",
            "ReadWritePaths=-/var/lib/node_exporter/textfile")) {
      assertTrue(
          service.lines().anyMatch(setting::equals), () -> setting + " missing from the service");
    }
    assertTrue(timer.lines().anyMatch("OnUnitActiveSec=1min"::equals), timer);
    assertTrue(timer.lines().anyMatch("WantedBy=timers.target"::equals), timer);
  }
}
