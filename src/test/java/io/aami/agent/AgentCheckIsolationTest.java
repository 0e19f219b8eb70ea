package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.testsupport.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a check gets from the agent and nothing more (docs/AGENT.md, "What a check gets"): an
 * environment of only the documented variables, whatever the agent's own environment exports, and
 * an empty directory of its own that is its working directory, HOME and TMPDIR, whatever the check
 * before it left there or did to it. The agent clears its environment and reuses directories
 * without extra processes, so both are asserted here against checks that try to leak.
 */
@Timeout(120)
class AgentCheckIsolationTest extends AgentTestBase {
  /** Prints the names of its environment variables and its functions into {@code file}. */
  private static String environmentRecorder(Path file) {
    return "{ env | sed 's/=.*//' | sort; declare -F; } > '" + file + "'\necho 'env_recorded 1'\n";
  }

  @Test
  void aCheckSeesOnlyTheDocumentedEnvironmentWhateverTheAgentExports() throws Exception {
    Path seen = dir.resolve("environment");
    publish(TestSite.check("env-recorder", "bash", environmentRecorder(seen), Map.of(), 30));
    Map<String, String> env = node.environment();
    env.put("LEAKED_SECRET", "do-not-pass");
    env.put("BASH_FUNC_leaked_function%%", "() { echo leaked; }");
    env.put("LC_ALL", "C");

    ProcessResult result = node.run(env, "--once");

    assertEquals(0, result.exitCode(), result::toString);
    // bash itself adds PWD, SHLVL and _ (the last command's path) to what the check's script sees.
    assertEquals(
        List.of("AAMI_CHECK_NAME", "CONFIG", "HOME", "LANG", "PATH", "PWD", "SHLVL", "TMPDIR", "_"),
        Files.readAllLines(seen),
        "the check's environment variables and functions, in sort order");
  }

  /**
   * Three checks in a row share the agent's directories: the first litters its directory (a
   * dotfile, a nested directory without permissions), the second removes its own directory, and
   * each later one must still start in an empty directory that is its HOME and TMPDIR.
   */
  @ParameterizedTest(name = "--jobs {0}")
  @ValueSource(ints = {1, 2})
  void everyCheckStartsInAnEmptyDirectoryOfItsOwn(int jobs) throws Exception {
    Path report = dir.resolve("report");
    Files.createDirectories(report);
    String observer =
        """
        [ "$PWD" = "$HOME" ] && [ "$HOME" = "$TMPDIR" ] && echo same > "%1$s/$AAMI_CHECK_NAME"
        ls -A >> "%1$s/$AAMI_CHECK_NAME"
        """
            .formatted(report);
    publish(
        TestSite.check(
            "a-litters",
            "bash",
            observer
                + "touch .hidden visible; mkdir -p locked/inner; chmod 000 locked\n"
                + "echo 'littered 1'\n",
            Map.of(),
            30),
        TestSite.check(
            "b-removes-its-directory",
            "bash",
            observer + "cd / && rm -rf \"$HOME\"\necho 'removed 1'\n",
            Map.of(),
            30),
        TestSite.check("c-observes", "bash", observer + "echo 'observed 1'\n", Map.of(), 30),
        TestSite.check("d-observes", "bash", observer + "echo 'observed 1'\n", Map.of(), 30));

    ProcessResult result = node.run(node.environment(), "--once", "--jobs", String.valueOf(jobs));

    assertEquals(0, result.exitCode(), result::toString);
    for (String check :
        List.of("a-litters", "b-removes-its-directory", "c-observes", "d-observes")) {
      assertEquals(
          List.of("same"),
          Files.readAllLines(report.resolve(check)),
          check + " starts in an empty directory that is its HOME and TMPDIR");
    }
  }
}
