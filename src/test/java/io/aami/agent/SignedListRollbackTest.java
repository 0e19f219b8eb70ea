package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.digest.Sha256;
import io.aami.testsupport.ProcessResult;
import io.aami.trust.Keys;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23, item 1: the generation a node accepted binds its target, not the URL it came from. An
 * attacker who controls the server deletes the compact list (the agent then falls back to the
 * inline one), publishes a compact list beside an inline one, or waits for the operator to switch
 * the node from its id to its hostname, and serves an older, still valid, signed list there: every
 * such list is refused as a rollback, and the last good list runs. Also item 2: generations past
 * 2038 and up to 18 digits compare exactly, and one the agent cannot compare is refused.
 */
class SignedListRollbackTest extends AgentTestBase {
  private static final long GENERATION = 1_764_000_000L;

  private final SigningKey key = Keys.generate();
  private final long now = System.currentTimeMillis() / 1000;
  private Path trusted;
  private Path markers;
  private int serves;

  /** How the node names itself: the list paths under api/v1 and api/v2 follow from it. */
  enum Naming {
    ID("AAMI_TARGET_ID", Checks.TARGET, "target/" + Checks.TARGET),
    HOSTNAME("AAMI_HOSTNAME", Checks.HOSTNAME, "target/hostname/" + Checks.HOSTNAME);

    final String variable;
    final String value;
    final String suffix;

    Naming(String variable, String value, String suffix) {
      this.variable = variable;
      this.value = value;
      this.suffix = suffix;
    }

    String path(Form form) {
      return form.prefix + suffix;
    }
  }

  enum Form {
    INLINE("api/v1/checks/"),
    COMPACT("api/v2/checks/");

    final String prefix;

    Form(String prefix) {
      this.prefix = prefix;
    }
  }

  @BeforeEach
  void keys() throws Exception {
    trusted = Files.createDirectories(dir.resolve("trusted-keys"));
    markers = Files.createDirectories(dir.resolve("markers"));
    Files.writeString(
        trusted.resolve("aami-" + key.keyId() + ".public.pem"), Keys.publicPem(key.publicKey()));
  }

  private ProcessResult run(Naming naming) throws Exception {
    Map<String, String> env = node.environment();
    env.remove("AAMI_TARGET_ID");
    env.put(naming.variable, naming.value);
    env.put("AAMI_TRUSTED_KEYS", trusted.toString());
    return node.run(env, "--once");
  }

  private ObjectNode check(String marker) {
    return Checks.touching("touch-" + marker, markers.resolve(marker));
  }

  /** The list of one marker check in FORM; the compact form names its script by hash only. */
  private byte[] list(String marker, Form form) throws Exception {
    ObjectNode check = check(marker);
    if (form == Form.COMPACT) {
      String script = check.get("script_content").asText();
      write(
          "api/v1/scripts/sha256/" + check.get("hash").asText(),
          script.getBytes(StandardCharsets.UTF_8));
      check.remove("script_content");
    }
    ArrayNode list = TestSite.JSON.createArrayNode().add(check);
    return (TestSite.JSON.writeValueAsString(list) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Publishes the list of MARKER at PATH, signed for PATH at GENERATION; a later mtime each time.
   */
  private void serve(String path, byte[] document, long generation) throws Exception {
    write(path, document);
    write(
        path + ".sig",
        new Signer(List.of(key))
            .sign(new Statement(path, Sha256.hex(document), generation, now + 86_400))
            .render());
  }

  private void serve(Naming naming, Form form, String marker, long generation) throws Exception {
    serve(naming.path(form), list(marker, form), generation);
  }

  private void write(String relative, byte[] content) throws Exception {
    Path file = node.site.root().resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.ofEpochSecond(now - 3_600 + ++serves * 10L)));
  }

  private void withdraw(String relative) throws Exception {
    Files.deleteIfExists(node.site.root().resolve(relative));
    Files.deleteIfExists(node.site.root().resolve(relative + ".sig"));
  }

  private void assertAccepted(ProcessResult result, String marker) throws Exception {
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(Files.exists(markers.resolve(marker)), result::toString);
    assertEquals("1", node.agentMetrics().get("aami_agent_signature_verified"));
    Files.delete(markers.resolve(marker));
  }

  /** The older list was refused as a rollback; the last good one ran from the cache. */
  private void assertRolledBackRefused(ProcessResult result) throws Exception {
    assertEquals(4, result.exitCode(), result::toString);
    assertFalse(Files.exists(markers.resolve("old")), "the older list ran: " + result);
    assertTrue(Files.exists(markers.resolve("good")), "the last good list ran: " + result);
    Map<String, String> metrics = node.agentMetrics();
    assertEquals(
        "1", metrics.get("aami_agent_signature_failure{reason=\"rollback\"}"), metrics::toString);
    assertEquals("1", metrics.get("aami_agent_signature_verified"));
    assertEquals("1", metrics.get("aami_agent_using_cached_response"));
    assertTrue(result.stderr().contains("REFUSED: signature rollback"), result.stderr());
    Files.delete(markers.resolve("good"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ID", "HOSTNAME"})
  void deletingTheCompactListToFallBackToAnOlderInlineOneIsARollback(String namingName)
      throws Exception {
    Naming naming = Naming.valueOf(namingName);
    serve(naming, Form.COMPACT, "good", GENERATION);
    serve(naming, Form.INLINE, "good", GENERATION);
    assertAccepted(run(naming), "good");

    withdraw(naming.path(Form.COMPACT));
    serve(naming, Form.INLINE, "old", GENERATION - 1);
    assertRolledBackRefused(run(naming));
    // Every later run too, and the refusal does not lower what the node accepted.
    assertRolledBackRefused(run(naming));
    serve(naming, Form.INLINE, "good", GENERATION);
    assertAccepted(run(naming), "good");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ID", "HOSTNAME"})
  void anOlderCompactListBesideTheAcceptedInlineOneIsARollback(String namingName) throws Exception {
    Naming naming = Naming.valueOf(namingName);
    serve(naming, Form.INLINE, "good", GENERATION);
    assertAccepted(run(naming), "good");

    serve(naming, Form.COMPACT, "old", GENERATION - 1);
    assertRolledBackRefused(run(naming));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ID", "HOSTNAME"})
  void switchingTheNodeBetweenIdAndHostnameKeepsItsMinimum(String namingName) throws Exception {
    Naming before = Naming.valueOf(namingName);
    Naming after = before == Naming.ID ? Naming.HOSTNAME : Naming.ID;
    serve(before, Form.COMPACT, "good", GENERATION);
    assertAccepted(run(before), "good");

    for (Form form : Form.values()) {
      withdraw(after.path(Form.COMPACT));
      serve(after, form, "old", GENERATION - 1);
      ProcessResult result = run(after);
      assertEquals(3, result.exitCode(), "the cached list is for the other path: " + result);
      assertFalse(Files.exists(markers.resolve("old")), "the older list ran: " + result);
      assertEquals(
          "1", node.agentMetrics().get("aami_agent_signature_failure{reason=\"rollback\"}"));
    }
    withdraw(after.path(Form.COMPACT));
    serve(after, Form.INLINE, "good", GENERATION);
    assertAccepted(run(after), "good");
  }

  @Test
  void theMinimumOfAnAgentBefore020WhichKeptOnePerPathBindsEveryForm() throws Exception {
    serve(Naming.ID, Form.INLINE, "good", GENERATION);
    assertAccepted(run(Naming.ID), "good");
    Files.writeString(
        node.cacheDir.resolve("accepted-generation"),
        (GENERATION + 5) + " api/v1/checks/target/" + Checks.TARGET + "\n");

    serve(Naming.ID, Form.COMPACT, "old", GENERATION + 4);
    assertRolledBackRefused(run(Naming.ID));
  }

  /** Past 2^31 and 2^32 seconds, year 9999, and the largest 18-digit generation. */
  @ParameterizedTest
  @ValueSource(longs = {2_147_483_648L, 4_294_967_296L, 253_402_300_799L, 999_999_999_999_999_998L})
  void generationsPast2038CompareExactly(long generation) throws Exception {
    serve(Naming.ID, Form.COMPACT, "good", generation);
    assertAccepted(run(Naming.ID), "good");

    serve(Naming.ID, Form.COMPACT, "old", generation - 1);
    assertRolledBackRefused(run(Naming.ID));
    withdraw(Naming.ID.path(Form.COMPACT));
    serve(Naming.ID, Form.INLINE, "old", generation - 1);
    assertRolledBackRefused(run(Naming.ID));

    serve(Naming.ID, Form.INLINE, "good", generation + 1);
    assertAccepted(run(Naming.ID), "good");
    assertEquals(
        (generation + 1) + " api/v1/checks/target/" + Checks.TARGET,
        Files.readString(node.cacheDir.resolve("accepted-generation")).strip());
  }

  /**
   * 19 digits and more do not fit the agent's 64-bit comparison exactly: malformed, never "newer".
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1000000000000000000",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551617",
        "99999999999999999999999999"
      })
  void aGenerationTheAgentCannotCompareIsRefused(String generation) throws Exception {
    serve(Naming.ID, Form.INLINE, "good", GENERATION);
    assertAccepted(run(Naming.ID), "good");

    String path = Naming.ID.path(Form.INLINE);
    byte[] old = list("old", Form.INLINE);
    write(path, old);
    // The statement is signed as it stands, so only the generation's size can refuse it.
    write(path + ".sig", signedWithGeneration(path, old, generation));
    ProcessResult result = run(Naming.ID);
    assertEquals(4, result.exitCode(), result::toString);
    assertFalse(Files.exists(markers.resolve("old")), result::toString);
    assertTrue(Files.exists(markers.resolve("good")), result::toString);
    assertEquals(
        "1", node.agentMetrics().get("aami_agent_signature_failure{reason=\"malformed\"}"));
    assertEquals(
        GENERATION + " api/v1/checks/target/" + Checks.TARGET,
        Files.readString(node.cacheDir.resolve("accepted-generation")).strip());
  }

  /**
   * A signature whose generation line says GENERATION (any digits), signed over exactly those
   * lines.
   */
  private byte[] signedWithGeneration(String path, byte[] document, String generation)
      throws Exception {
    String placeholder = "123456789";
    String genuine =
        new String(
            new Signer(List.of(key))
                .sign(
                    new Statement(
                        path, Sha256.hex(document), Long.parseLong(placeholder), now + 86_400))
                .render(),
            StandardCharsets.US_ASCII);
    String statement =
        String.join("\n", genuine.lines().limit(5).toList())
                .replace("generation " + placeholder, "generation " + generation)
            + "\n";
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initSign(key.privateKey());
    ed25519.update(statement.getBytes(StandardCharsets.US_ASCII));
    byte[] signature = ed25519.sign();
    return (statement
            + "signature "
            + key.keyId()
            + " "
            + Base64.getEncoder().encodeToString(signature)
            + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
