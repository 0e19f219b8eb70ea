package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the agent is configured: flags, environment, the config file, and what it refuses. */
@Timeout(300)
class AgentConfigTest extends AgentTestBase {
  @BeforeEach
  void publishMountCheck() throws Exception {
    publish(Checks.mountPoints());
  }

  /**
   * An environment with nothing but PATH, so only the config file and flags configure the agent.
   */
  private static Map<String, String> bareEnvironment() {
    return new java.util.HashMap<>(Map.of("PATH", System.getenv("PATH")));
  }

  @Test
  void theConfigFileAloneConfiguresARun() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            String.join(
                "\n",
                "# a comment",
                "",
                "AAMI_BASE_URL = \"" + node.baseUrl() + "/\"",
                "  AAMI_TARGET_ID='" + Checks.TARGET + "'  ",
                "AAMI_TEXTFILE_DIR=" + node.textfileDir,
                "AAMI_CACHE_DIR=" + node.cacheDir,
                "AAMI_CA_FILE=" + certificate.certificate() + "\r",
                "AAMI_MAX_TIME=20"));

    ProcessResult result = node.run(bareEnvironment(), "--once", "--config", conf.toString());

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(node.published("mount-points")));
  }

  @Test
  void theConfigFileIsParsedNeverExecuted() throws Exception {
    Path marker = dir.resolve("executed");
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            String.join(
                "\n",
                "AAMI_BASE_URL=" + node.baseUrl(),
                "AAMI_TARGET_ID=" + Checks.TARGET,
                "AAMI_CA_FILE=$(touch " + marker + ")",
                "AAMI_CACHE_DIR=`touch " + marker + "`"));

    ProcessResult result = node.run(bareEnvironment(), "--once", "--config", conf.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("CA file $(touch " + marker + ") is not readable"),
        result.stderr());
    assertFalse(Files.exists(marker), "the config file was executed");
  }

  @Test
  void anUnknownKeyNamesFileAndLine() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"), "AAMI_BASE_URL=https://x\nBASE_URL=https://y\n");

    ProcessResult result = node.run(bareEnvironment(), "--once", "--config", conf.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains(conf + ":2: unknown key 'BASE_URL'"), result.stderr());
  }

  @Test
  void aLineWithoutEqualsNamesFileAndLine() throws Exception {
    Path conf = Files.writeString(dir.resolve("agent.conf"), "# ok\nAAMI_BASE_URL https://x\n");

    ProcessResult result = node.run(bareEnvironment(), "--once", "--config", conf.toString());

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains(conf + ":2: expected KEY=VALUE"), result.stderr());
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideBoth() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("agent.conf"),
            "AAMI_TARGET_ID=wrong-from-file\nAAMI_TEXTFILE_DIR=/nonexistent-from-file\n");
    Map<String, String> env = node.environment();
    env.put("AAMI_AGENT_CONFIG", conf.toString());
    env.put("AAMI_TARGET_ID", "wrong-from-env");

    ProcessResult result = node.run(env, "--once", "--target-id=" + Checks.TARGET);

    assertEquals(0, result.exitCode(), result::toString);
    assertEquals(
        1, node.accessLogCount("/api/v1/checks/target/" + Checks.TARGET + " HTTP/1.1\" 200"));
    assertTrue(
        Files.exists(node.published("mount-points")), "the env textfile dir lost to the file");
  }

  @Test
  void theShippedExampleConfigIsValid() throws Exception {
    Map<String, String> env = node.environment();
    env.put("AAMI_AGENT_CONFIG", Tools.projectDir().resolve("agent/agent.conf.example").toString());

    ProcessResult result = node.run(env, "--dry-run");

    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stdout().contains("would run   mount-points"), result.stdout());
  }

  @Test
  void plainHttpIsRefusedWithoutInsecureHttp() throws Exception {
    Map<String, String> env = node.environment();
    env.put("AAMI_BASE_URL", "http://127.0.0.1:9");

    ProcessResult result = node.run(env, "--once");

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(
        result.stderr().contains("refusing plain http URL http://127.0.0.1:9"), result.stderr());
    assertEquals(Map.of(), node.textfiles());
  }

  @Test
  void plainHttpWorksOnlyWithInsecureHttp(@TempDir Path other) throws Exception {
    try (AgentHarness plain = AgentHarness.plainHttp(other, certificate)) {
      plain.site.publish(Checks.TARGET, Checks.HOSTNAME, List.of(Checks.mountPoints()));

      ProcessResult result = plain.runOnce("--insecure-http");

      assertEquals(0, result.exitCode(), result::toString);
      assertEquals(Checks.MOUNT_POINTS_OUTPUT, Files.readString(plain.published("mount-points")));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--bogus                          | unknown argument '--bogus'",
        "--once --dry-run                 | --once and --dry-run are mutually exclusive",
        "--once --target-id ../etc        | target id '../etc' is not a safe id",
        "--once --base-url ftp://x        | base URL must start with https://",
        "--once --interval 0              | AAMI_INTERVAL must be an integer >= 1, got '0'",
        "--once --max-time 1s             | AAMI_MAX_TIME must be an integer >= 1, got '1s'",
        "--once --ca-file /nonexistent.pem | CA file /nonexistent.pem is not readable",
        "--once --base-url                | --base-url needs a value",
        "--once=yes                       | --once takes no value"
      })
  void usageErrorsExit2WithAMessage(String args, String message) throws Exception {
    ProcessResult result = node.run(node.environment(), args.split(" "));

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("dynamic-check: error: " + message), result.stderr());
    assertTrue(result.stderr().contains("Try 'dynamic-check --help'"), result.stderr());
    assertEquals(Map.of(), node.textfiles());
  }

  @Test
  void aMissingBaseUrlIsAUsageError() throws Exception {
    ProcessResult result = node.run(bareEnvironment(), "--once", "--config", "/dev/null");

    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("no base URL"), result.stderr());
  }

  @Test
  void helpDocumentsTheOptionsAndExitCodes() throws Exception {
    ProcessResult result = node.run(bareEnvironment(), "--help");

    assertEquals(0, result.exitCode(), result::toString);
    for (String expected :
        List.of(
            "--once",
            "--dry-run",
            "--debug",
            "--insecure-http",
            "AAMI_BASE_URL",
            "AAMI_TARGET_ID",
            "AAMI_HOSTNAME",
            "AAMI_TEXTFILE_DIR",
            "AAMI_CACHE_DIR",
            "AAMI_CA_FILE",
            "/etc/aami/agent.conf",
            "Exit codes:",
            "  5  another run held the lock")) {
      assertTrue(
          result.stdout().contains(expected), () -> expected + " missing from\n" + result.stdout());
    }
  }
}
