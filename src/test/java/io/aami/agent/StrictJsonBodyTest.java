package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.ProcessResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, item 7: a check list body with a NUL byte, or one that is not strict UTF-8 JSON, is
 * refused before it touches the cache, whatever the node's jq accepts (jq 1.6 reads a raw NUL as 0
 * and NaN, 01 or .5 as numbers): the fetch counts as rejected, the cached list stays byte for byte
 * and runs (exit 4), and the refused list's check never runs. Each defect is tried in the inline
 * and the compact form, inside an entry, in a string and around the whole document.
 */
class StrictJsonBodyTest extends AgentTestBase {
  private Path markers;
  private long serves;

  @BeforeEach
  void markers() throws Exception {
    markers = Files.createDirectories(dir.resolve("markers"));
  }

  /** What replaces a value inside the attacker's otherwise valid list, as raw bytes. */
  static Stream<Arguments> defects() {
    List<Object[]> values =
        List.of(
            new Object[] {"raw NUL as a value", bytes(0)},
            new Object[] {
              "NUL inside a string",
              concat("\"a".getBytes(StandardCharsets.US_ASCII), bytes(0, '"'))
            },
            new Object[] {"overlong slash", bytes('"', 0xc0, 0xaf, '"')},
            new Object[] {"overlong three bytes", bytes('"', 0xe0, 0x80, 0xaf, '"')},
            new Object[] {"encoded surrogate", bytes('"', 0xed, 0xa0, 0x80, '"')},
            new Object[] {"past U+10FFFF", bytes('"', 0xf4, 0x90, 0x80, 0x80, '"')},
            new Object[] {"lone continuation byte", bytes('"', 0x80, '"')},
            new Object[] {"truncated sequence", bytes('"', 0xc3, '"')},
            new Object[] {"Latin-1", bytes('"', 'c', 'a', 'f', 0xe9, '"')},
            new Object[] {"NaN", ascii("NaN")},
            new Object[] {"Infinity", ascii("-Infinity")},
            new Object[] {"leading zero", ascii("030")},
            new Object[] {"plus sign", ascii("+1")},
            new Object[] {"no integer part", ascii(".5")},
            new Object[] {"no fraction digits", ascii("1.")},
            new Object[] {"half a surrogate pair", ascii("\"\\ud800\"")},
            new Object[] {"raw tab in a string", ascii("\"a\tb\"")},
            new Object[] {"bad escape", ascii("\"\\x41\"")},
            new Object[] {"single quotes", ascii("'a'")});
    List<Arguments> all = new ArrayList<>();
    for (boolean compact : new boolean[] {false, true}) {
      for (Object[] value : values) {
        all.add(Arguments.of(compact, value[0], value[1]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "compact={0}: {1}")
  @MethodSource("defects")
  void aDefectInsideAnEntryIsRefusedBeforeTheCache(boolean compact, String what, byte[] value)
      throws Exception {
    byte[] evil = list("evil", compact);
    String text = new String(evil, StandardCharsets.UTF_8);
    int entry = text.indexOf('{') + 1;
    assertRefused(
        compact,
        concat(
            text.substring(0, entry).getBytes(StandardCharsets.UTF_8),
            "\"x\":".getBytes(StandardCharsets.US_ASCII),
            value,
            ",".getBytes(StandardCharsets.US_ASCII),
            text.substring(entry).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "compact={0}")
  @ValueSource(booleans = {false, true})
  void aDefectAroundTheWholeDocumentIsRefusedBeforeTheCache(boolean compact) throws Exception {
    byte[] evil = list("evil", compact);
    assertRefused(compact, concat(bytes('['), bytes(0), bytes(']', '\n')));
    assertRefused(compact, concat(bytes(0xef, 0xbb, 0xbf), evil));
    assertRefused(compact, concat(evil, bytes(0)));
    assertRefused(compact, concat(bytes(0), evil));
  }

  @Test
  void aLocalListFileWithANulByteDoesNotRun() throws Exception {
    Path file = dir.resolve("list.json");
    Files.write(file, concat(bytes('['), bytes(0), bytes(']', '\n')));
    ProcessResult result = node.runOnce("--list-file", file.toString());
    assertEquals(3, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("is not valid JSON: line 1: a NUL byte"), result.stderr());
  }

  /**
   * Accepts the good list in the form, then serves BODY: it is refused, the cache and good list
   * stay.
   */
  private void assertRefused(boolean compact, byte[] body) throws Exception {
    String path = (compact ? "api/v2" : "api/v1") + "/checks/target/" + Checks.TARGET;
    if (!Files.exists(node.cacheDir.resolve("response.json"))) {
      serve(path, list("good", compact));
      ProcessResult first = node.runOnce();
      assertEquals(0, first.exitCode(), first::toString);
    }
    byte[] cached = Files.readAllBytes(node.cacheDir.resolve("response.json"));
    Files.deleteIfExists(markers.resolve("good"));

    serve(path, body);
    ProcessResult result = node.runOnce();
    assertEquals(4, result.exitCode(), result::toString);
    assertFalse(Files.exists(markers.resolve("evil")), "the refused list ran: " + result);
    assertTrue(Files.exists(markers.resolve("good")), "the cached list ran: " + result);
    assertArrayEquals(
        cached, Files.readAllBytes(node.cacheDir.resolve("response.json")), "the cache changed");
    assertTrue(result.stderr().contains("is not valid JSON: line "), result.stderr());
    assertEquals("1", node.agentMetrics().get("aami_agent_response_rejected"));
    assertEquals("1", node.agentMetrics().get("aami_agent_using_cached_response"));
  }

  private byte[] list(String marker, boolean compact) throws Exception {
    ObjectNode check = Checks.touching("touch-" + marker, markers.resolve(marker));
    if (compact) {
      serve(
          "api/v1/scripts/sha256/" + check.get("hash").asText(),
          check.get("script_content").asText().getBytes(StandardCharsets.UTF_8));
      check.remove("script_content");
    }
    ArrayNode list = TestSite.JSON.createArrayNode().add(check);
    return (TestSite.JSON.writeValueAsString(list) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a file of the site with a later mtime each time, so that its ETag changes. */
  private void serve(String relative, byte[] content) throws Exception {
    Path file = node.site.root().resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + ++serves * 10)));
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
