package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.scaffold.Scaffold;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent and the CLI are released together: the agent's version is the pom's (docs/INSTALL.md).
 */
class AgentVersionTest {
  @TempDir Path dir;

  @Test
  void theAgentVersionIsThePomVersion() throws Exception {
    String script = Files.readString(Tools.projectDir().resolve("agent/dynamic-check.sh"));
    Matcher line = Pattern.compile("(?m)^readonly AGENT_VERSION=\"([^\"]*)\"$").matcher(script);
    assertTrue(line.find(), "agent/dynamic-check.sh has no readonly AGENT_VERSION=\"...\" line");
    assertEquals(
        Scaffold.version(),
        line.group(1),
        "agent/dynamic-check.sh's AGENT_VERSION must equal the pom's <version>");
  }

  @Test
  void theAgentPrintsIt() throws Exception {
    Tools.assumeOnPath("bash");
    ProcessResult run =
        Processes.run(
            List.of(
                "bash",
                Tools.projectDir().resolve("agent/dynamic-check.sh").toString(),
                "--version"),
            Map.of("PATH", System.getenv("PATH")),
            dir);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.stdout().contains(Scaffold.version()), run.stdout());
  }
}
