package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aami.testsupport.ProcessResult;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * aami_agent_list_generation: the generation that api/v1/generation announced before the agent
 * fetched (or confirmed) its list; kept, not advanced, while the site cannot be reached, so
 * AamiNodeBehind sees a node that stopped synchronising.
 */
@Timeout(300)
class AgentListGenerationTest extends AgentTestBase {
  @BeforeEach
  void publishChecks() throws Exception {
    publish(Checks.mountPoints());
  }

  private void announce(String json) throws Exception {
    Files.createDirectories(node.site.root().resolve("api/v1"));
    Files.writeString(node.site.root().resolve("api/v1/generation"), json);
  }

  @Test
  void exportsTheAnnouncedGenerationOnceTheListIsCurrent() throws Exception {
    announce("{\"commit\": \"abc\", \"generation\": 1795988526}\n");
    ProcessResult first = node.runOnce();
    assertEquals(0, first.exitCode(), first::toString);
    assertEquals("1795988526", node.agentMetrics().get("aami_agent_list_generation"));

    announce("{\"commit\": \"def\", \"generation\": 1795990000}\n");
    ProcessResult confirmed = node.runOnce();
    assertEquals(0, confirmed.exitCode(), confirmed::toString);
    assertEquals(
        "1",
        node.agentMetrics().get("aami_agent_response_not_modified"),
        "the list itself did not change");
    assertEquals(
        "1795990000",
        node.agentMetrics().get("aami_agent_list_generation"),
        "a confirmed list is current with the newer generation");
  }

  @Test
  void keepsTheLastGenerationWhileTheSiteIsUnreachable() throws Exception {
    announce("{\"generation\": 1795988526}\n");
    assertEquals(0, node.runOnce().exitCode());
    node.stopServer();

    ProcessResult offline = node.runOnce();
    Map<String, String> metrics = node.agentMetrics();
    assertEquals("1", metrics.get("aami_agent_using_cached_response"), offline::toString);
    assertEquals("1795988526", metrics.get("aami_agent_list_generation"));
  }

  @Test
  void aSiteWithoutOrWithAMalformedGenerationExportsNone() throws Exception {
    ProcessResult none = node.runOnce();
    assertEquals(0, none.exitCode(), none::toString);
    assertFalse(node.agentMetrics().containsKey("aami_agent_list_generation"));

    for (String malformed :
        new String[] {
          "{\"generation\": \"1795988526\"}",
          "{\"generation\": -1}",
          "{\"generation\": 1.5}",
          "not json",
          "{\"generation\": 1e300}"
        }) {
      announce(malformed);
      ProcessResult run = node.runOnce();
      assertEquals(0, run.exitCode(), run::toString);
      assertFalse(node.agentMetrics().containsKey("aami_agent_list_generation"), malformed);
    }
  }
}
