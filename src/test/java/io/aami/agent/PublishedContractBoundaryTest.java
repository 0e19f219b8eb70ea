package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.schema.PublishedLimits;
import io.aami.schema.SchemaValidator;
import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import io.aami.testsupport.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Boundary values generated from {@code schemas/published-defs.schema.json} (min, max, max + 1) run
 * through validate, render and the real agent: what validate accepts, render publishes and the
 * agent runs; what is one past a limit, validate refuses at the source field and the agent refuses
 * alone.
 */
@Timeout(300)
class PublishedContractBoundaryTest extends AgentTestBase {
  private static final String CONFIG_OVERHEAD = "{\"blob\":\"\"}";

  private final PublishedLimits limits = SchemaValidator.load().publishedLimits();

  /** A check source: a template, and a global policy applying it with {@code config}. */
  private static String source(String name, String timeout, String version, String config) {
    return "apiVersion: aami/v1\nkind: ScriptTemplate\nname: "
        + name
        + "\nscript_type: boundary\n"
        + "language: sh\nversion: "
        + version
        + "\nscript_content: \"echo 'boundary_ok 1'\\n\"\n"
        + "timeout: "
        + timeout
        + "\n---\napiVersion: aami/v1\nkind: ScriptPolicy\nid: p-"
        + name.substring(0, Math.min(name.length(), 40))
        + "\nscope: global\ntemplate_id: "
        + name
        + "\nconfig: "
        + config
        + "\n";
  }

  private String blob(long jsonBytes) {
    return "{blob: \"" + "x".repeat((int) (jsonBytes - CONFIG_OVERHEAD.length())) + "\"}";
  }

  private String version(int length) {
    return "1.0.0-" + "a".repeat(length - "1.0.0-".length());
  }

  /** The valid boundaries: each limit at its minimum and maximum. */
  private Map<String, String> validSources() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "timeout-min", source("timeout-min", limits.timeoutMinSeconds() + "s", "1.0.0", "{}"));
    sources.put(
        "timeout-max", source("timeout-max", limits.timeoutMaxSeconds() + "s", "1.0.0", "{}"));
    String longest = "n".repeat(limits.checkNameMaxLength());
    sources.put(longest, source(longest, "30s", "1.0.0", "{}"));
    sources.put(
        "config-max", source("config-max", "30s", "1.0.0", blob(limits.configMaxJsonBytes())));
    sources.put("version-max", source("version-max", "30s", version(limits.textMaxLength()), "{}"));
    return sources;
  }

  /** One past each limit, with the YAML line validate must point at. */
  private Map<String, String[]> invalidSources() {
    Map<String, String[]> sources = new LinkedHashMap<>();
    sources.put(
        "timeout",
        new String[] {
          source("timeout-over", (limits.timeoutMaxSeconds() + 1) + "s", "1.0.0", "{}"),
          "templates/c.yaml:8:10"
        });
    sources.put(
        "name",
        new String[] {
          source("n".repeat(limits.checkNameMaxLength() + 1), "30s", "1.0.0", "{}"),
          "templates/c.yaml:3:7"
        });
    sources.put(
        "config",
        new String[] {
          source("config-over", "30s", "1.0.0", blob(limits.configMaxJsonBytes() + 1)),
          "templates/c.yaml:15:9"
        });
    sources.put(
        "version",
        new String[] {
          source("version-over", "30s", version(limits.textMaxLength() + 1), "{}"),
          "templates/c.yaml:6:10"
        });
    return sources;
  }

  @Test
  void onePastEachLimitIsAValidationErrorAtItsSourceField() throws Exception {
    for (Map.Entry<String, String[]> e : invalidSources().entrySet()) {
      Path repo = Files.createDirectories(dir.resolve("invalid-" + e.getKey()));
      new TestRepo(repo).file("templates/c.yaml", e.getValue()[0]);

      Cli result = Cli.run("validate", "--repo", repo.toString());

      assertEquals(1, result.exitCode(), e.getKey() + ": " + result);
      assertTrue(
          result.err().contains(e.getValue()[1] + ": error[check/contract]: "),
          () -> e.getKey() + ": expected the error at " + e.getValue()[1] + " in\n" + result.err());
    }
  }

  @Test
  void theLimitsThemselvesValidateRenderAndRunWhileOnePastIsRefusedAlone() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("valid"));
    TestRepo files = new TestRepo(repo).file("inventory/t.yaml", TestRepo.target(Checks.TARGET));
    int n = 0;
    for (String source : validSources().values()) {
      files.file("templates/c" + n++ + ".yaml", source);
    }
    assertEquals(
        0,
        Cli.run("validate", "--repo", repo.toString()).exitCode(),
        () -> Cli.run("validate", "--repo", repo.toString()).err());
    Path out = dir.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(0, render.exitCode(), render::toString);
    ArrayNode rendered =
        (ArrayNode)
            TestSite.JSON.readTree(out.resolve("api/v1/checks/target/" + Checks.TARGET).toFile());
    assertEquals(validSources().size(), rendered.size());

    ArrayNode published = rendered.deepCopy();
    ObjectNode template = (ObjectNode) rendered.get(0);
    published.add(
        template
            .deepCopy()
            .put("name", "timeout-over")
            .put("timeout_seconds", limits.timeoutMaxSeconds() + 1));
    published.add(
        template
            .deepCopy()
            .put("name", "timeout-under")
            .put("timeout_seconds", limits.timeoutMinSeconds() - 1));
    published.add(template.deepCopy().put("name", "n".repeat(limits.checkNameMaxLength() + 1)));
    ObjectNode configOver = template.deepCopy().put("name", "config-over");
    configOver
        .putObject("config")
        .put(
            "blob", "x".repeat((int) (limits.configMaxJsonBytes() + 1 - CONFIG_OVERHEAD.length())));
    published.add(configOver);
    published.add(
        template
            .deepCopy()
            .put("name", "version-over")
            .put("version", version(limits.textMaxLength() + 1)));
    node.site.publishRaw(Checks.TARGET, TestSite.JSON.writeValueAsString(published) + "\n");

    ProcessResult result = node.runOnce();

    assertEquals(1, result.exitCode(), result::toString);
    List<String> ran = new ArrayList<>();
    for (JsonNode check : rendered) {
      String name = check.get("name").asText();
      assertEquals("boundary_ok 1\n", Files.readString(node.published(name)), name);
      ran.add(name);
    }
    Map<String, String> metrics = node.agentMetrics();
    assertEquals(String.valueOf(ran.size()), metrics.get("aami_agent_checks_assigned"));
    assertEquals("5", metrics.get("aami_agent_checks_refused"));
    for (String refused :
        List.of(
            "check=\"timeout-over\",reason=\"invalid_timeout\"",
            "check=\"timeout-under\",reason=\"invalid_timeout\"",
            "check=\"#" + (rendered.size() + 2) + "\",reason=\"invalid_name\"",
            "check=\"config-over\",reason=\"config_too_large\"",
            "check=\"version-over\",reason=\"invalid_field\"")) {
      assertEquals(
          "1",
          metrics.get("aami_check_refused{" + refused + "}"),
          () -> refused + " in " + metrics);
    }
    assertFalse(Files.exists(node.published("timeout-over")));
  }
}
