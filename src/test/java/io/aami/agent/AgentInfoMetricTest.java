package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** aami_agent_info{version} carries the AGENT_VERSION line of the script, as --version does. */
class AgentInfoMetricTest extends AgentTestBase {
  @Test
  void theInfoMetricNamesTheScriptsVersion() throws Exception {
    Matcher line =
        Pattern.compile("(?m)^readonly AGENT_VERSION=\"([^\"]*)\"$")
            .matcher(Files.readString(AgentHarness.SCRIPT));
    assertTrue(line.find());
    publish(Checks.mountPoints());
    ProcessResult run = node.runOnce();
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(
        "1",
        node.agentMetrics().get("aami_agent_info{version=\"" + line.group(1) + "\"}"),
        node.agentMetrics()::toString);
    assertEquals(
        "aami dynamic-check " + line.group(1) + "\n",
        node.run(node.environment(), "--version").stdout());
  }
}
