package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.schema.PublishedLimits;
import io.aami.schema.SchemaValidator;
import io.aami.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent's limits are generated from {@code schemas/published-defs.schema.json}: this test fails
 * when the generated block in {@code agent/dynamic-check.sh} differs from what the schema says, and
 * rewrites it with {@code -Daami.updateGolden=true}.
 */
class PublishedLimitsAgentTest {
  static final String BEGIN =
      "# BEGIN GENERATED LIMITS from schemas/published-defs.schema.json; do not edit."
          + " PublishedLimitsAgentTest fails\n# when this block and the schema disagree, and rewrites it with"
          + " -Daami.updateGolden=true.\n";
  static final String END = "# END GENERATED LIMITS\n";

  /** The block as the schema dictates it. */
  static String block(PublishedLimits limits) {
    return BEGIN
        + "readonly CHECK_NAME_RE='"
        + onigurumaAnchored(limits.checkNamePattern())
        + "'\n"
        + "readonly CHECK_NAME_MAX_LENGTH="
        + limits.checkNameMaxLength()
        + "\n"
        + "readonly TIMEOUT_MIN_SECONDS="
        + limits.timeoutMinSeconds()
        + "\n"
        + "readonly TIMEOUT_MAX_SECONDS="
        + limits.timeoutMaxSeconds()
        + "\n"
        + "readonly LANGUAGES_JSON='"
        + limits.languages().stream()
            .map(l -> "\"" + l + "\"")
            .collect(Collectors.joining(",", "[", "]"))
        + "'\n"
        + "readonly HASH_RE='"
        + onigurumaAnchored(limits.sha256Pattern())
        + "'\n"
        + "readonly TEXT_MAX_LENGTH="
        + limits.textMaxLength()
        + "\n"
        + "readonly CONFIG_MAX_JSON_BYTES="
        + limits.configMaxJsonBytes()
        + "\n"
        + "readonly MAX_RESPONSE_BYTES="
        + limits.documentMaxBytes()
        + "\n"
        + END;
  }

  /**
   * jq's regexes (Oniguruma) let {@code $} match before a final newline; {@code \A...\z} anchor at
   * the very ends, as JSON Schema's {@code ^...$} do on a value without newlines.
   */
  static String onigurumaAnchored(String pattern) {
    if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.contains("'")) {
      throw new IllegalStateException("cannot carry pattern " + pattern + " into the agent");
    }
    return "\\A" + pattern.substring(1, pattern.length() - 1) + "\\z";
  }

  @Test
  void theAgentsLimitsAreTheSchemas() throws Exception {
    String script = Files.readString(AgentHarness.SCRIPT, StandardCharsets.UTF_8);
    int begin = script.indexOf(BEGIN);
    int end = script.indexOf(END);
    assertTrue(
        begin >= 0 && end > begin, "agent/dynamic-check.sh lacks the generated limits block");
    String actual = script.substring(begin, end + END.length());
    String expected = block(SchemaValidator.load().publishedLimits());
    if (Golden.UPDATE && !actual.equals(expected)) {
      Files.writeString(
          AgentHarness.SCRIPT,
          script.substring(0, begin) + expected + script.substring(end + END.length()),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, actual, "regenerate with -Daami.updateGolden=true");
  }

  @Test
  void aChangedLimitIsDetected() {
    PublishedLimits limits = SchemaValidator.load().publishedLimits();
    PublishedLimits longer =
        new PublishedLimits(
            limits.checkNamePattern(),
            limits.checkNameMaxLength(),
            limits.timeoutMinSeconds(),
            limits.timeoutMaxSeconds() * 2,
            limits.languages(),
            limits.sha256Pattern(),
            limits.textMaxLength(),
            limits.configMaxJsonBytes(),
            limits.documentMaxBytes());

    assertTrue(block(longer).contains("TIMEOUT_MAX_SECONDS=172800\n"));
    assertTrue(!block(longer).equals(block(limits)));
  }
}
