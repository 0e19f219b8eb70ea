package io.aami.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.digest.Sha256;
import io.aami.testsupport.DocumentedNginx;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import io.aami.trust.Keys;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check lists signed in Java, served by a real nginx over TLS with the documented server block,
 * verified by the real agent through openssl. Each attack of docs/SECURITY.md is its own test: the
 * refused list's check never runs (its marker file never appears), the last good list runs instead
 * (its marker reappears, exit 4), and the metrics name the reason.
 */
class SignedCheckListsTest {
  private static final String PATH = "api/v1/checks/target/" + Checks.TARGET;
  private static final long GENERATION = 1_000;

  @TempDir Path dir;
  private DocumentedNginx nginx;
  private Path site;
  private Path trusted;
  private Path markers;
  private final SigningKey key = Keys.generate();
  private final long now = System.currentTimeMillis() / 1000;

  @BeforeEach
  void start() throws Exception {
    AgentHarness.assumeAgentTools();
    Tools.assumeOnPath("openssl", "base64");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    site = Files.createDirectories(dir.resolve("site"));
    markers = Files.createDirectories(dir.resolve("markers"));
    trusted = Files.createDirectories(dir.resolve("trusted-keys"));
    Files.createDirectories(dir.resolve("textfile"));
    Files.writeString(dir.resolve("agent.conf"), "");
    trust(key);
    nginx = DocumentedNginx.start(Files.createDirectories(dir.resolve("nginx")), site);
  }

  @AfterEach
  void stop() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  private void trust(SigningKey k) throws Exception {
    Files.writeString(
        trusted.resolve("aami-" + k.keyId() + ".public.pem"), Keys.publicPem(k.publicKey()));
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("AAMI_BASE_URL", nginx.baseUrl());
    env.put("AAMI_TARGET_ID", Checks.TARGET);
    env.put("AAMI_TEXTFILE_DIR", dir.resolve("textfile").toString());
    env.put("AAMI_CACHE_DIR", dir.resolve("cache").toString());
    env.put("AAMI_CA_FILE", nginx.certificate().toString());
    env.put("AAMI_AGENT_CONFIG", dir.resolve("agent.conf").toString());
    env.put("AAMI_TRUSTED_KEYS", trusted.toString());
    return env;
  }

  private ProcessResult run(String... extra) throws Exception {
    return run(environment(), extra);
  }

  private ProcessResult run(Map<String, String> env, String... extra) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of("bash", AgentHarness.SCRIPT.toString(), "--once"));
    command.addAll(List.of(extra));
    return Processes.run(command, env, dir);
  }

  /** A check list of one check that creates markers/NAME when it runs. */
  private byte[] list(String marker) throws Exception {
    ArrayNode list = TestSite.JSON.createArrayNode();
    ObjectNode check = Checks.touching("touch-" + marker, markers.resolve(marker));
    list.add(check);
    return (TestSite.JSON.writeValueAsString(list) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] signature(
      SigningKey by, String path, byte[] document, long generation, long expires) {
    return new Signer(List.of(by))
        .sign(new Statement(path, Sha256.hex(document), generation, expires))
        .render();
  }

  /**
   * Replaces the served list and its signature (none when null), as an attacker's upload would.
   * Each serve gets a later mtime: nginx's ETag is mtime and size, and an attack of the same size
   * written within the same second would otherwise be answered 304 to the good list's ETag.
   */
  private void serve(byte[] document, byte[] signature) throws Exception {
    FileTime stamp = FileTime.from(Instant.ofEpochSecond(now - 3_600 + ++serves * 10L));
    Path file = site.resolve(PATH);
    Files.createDirectories(file.getParent());
    Files.write(file, document);
    Files.setLastModifiedTime(file, stamp);
    Path sig = site.resolve(PATH + ".sig");
    Files.deleteIfExists(sig);
    if (signature != null) {
      Files.write(sig, signature);
      Files.setLastModifiedTime(sig, stamp);
    }
  }

  private int serves;

  private Map<String, String> metrics() throws Exception {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("textfile/aami_agent.prom"))) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }

  /** The good list, validly signed, runs and is accepted; its marker is then removed again. */
  private byte[] acceptGoodList() throws Exception {
    byte[] good = list("good");
    serve(good, signature(key, PATH, good, GENERATION, now + 86_400));
    ProcessResult first = run();
    assertEquals(0, first.exitCode(), first::toString);
    assertTrue(Files.exists(markers.resolve("good")));
    assertEquals("1", metrics().get("aami_agent_signature_verified"));
    Files.delete(markers.resolve("good"));
    return good;
  }

  /** Serves the attack; the agent refuses it whole and runs the last good list instead. */
  private void assertRefused(byte[] document, byte[] signature, String reason) throws Exception {
    serve(document, signature);
    ProcessResult result = run();
    assertEquals(4, result.exitCode(), result::toString);
    assertFalse(
        Files.exists(markers.resolve("evil")), "a check of the refused list ran: " + result);
    assertTrue(Files.exists(markers.resolve("good")), "the last good list ran: " + result);
    Map<String, String> metrics = metrics();
    assertEquals(
        "1",
        metrics.get("aami_agent_signature_failure{reason=\"" + reason + "\"}"),
        metrics::toString);
    assertEquals(
        "1", metrics.get("aami_agent_signature_verified"), "the list that ran was verified");
    assertEquals("1", metrics.get("aami_agent_using_cached_response"));
    assertTrue(result.stderr().contains("REFUSED: signature " + reason), result.stderr());
  }

  @Test
  void aValidlySignedListRunsAndAnUnchangedOneIsConfirmedBy304s() throws Exception {
    acceptGoodList();
    ProcessResult again = run();
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(Files.exists(markers.resolve("good")));
    Map<String, String> metrics = metrics();
    assertEquals("1", metrics.get("aami_agent_response_not_modified"));
    assertEquals("1", metrics.get("aami_agent_signature_verified"));
    assertNull(
        metrics.keySet().stream()
            .filter(k -> k.startsWith("aami_agent_signature_failure"))
            .findAny()
            .orElse(null));
    assertFalse(again.stderr().contains("not signature-verified"), again.stderr());
  }

  @Test
  void theAgentVerifiesExactlyTheBytesJavaSigned() throws Exception {
    byte[] good = list("good");
    long expires = now + 86_400;
    serve(good, signature(key, PATH, good, GENERATION, expires));
    ProcessResult result = run("--debug");
    assertEquals(0, result.exitCode(), result::toString);
    String payloadDigest =
        Sha256.hex(new Statement(PATH, Sha256.hex(good), GENERATION, expires).payload());
    assertTrue(
        result.stderr().contains("signed statement of " + PATH + " has sha256 " + payloadDigest),
        result.stderr());
  }

  @Test
  void oneByteChanged() throws Exception {
    byte[] good = acceptGoodList();
    byte[] changed = good.clone();
    int at = new String(good, StandardCharsets.UTF_8).indexOf("policy-touch-good");
    changed[at] = 'P';
    assertRefused(changed, signature(key, PATH, good, GENERATION, now + 86_400), "digest_mismatch");
  }

  @Test
  void signedByAnUnknownKey() throws Exception {
    acceptGoodList();
    byte[] evil = list("evil");
    assertRefused(
        evil, signature(Keys.generate(), PATH, evil, GENERATION + 1, now + 86_400), "unknown_key");
  }

  @Test
  void anotherNodesListAtThisNodesPath() throws Exception {
    acceptGoodList();
    byte[] evil = list("evil");
    assertRefused(
        evil,
        signature(key, "api/v1/checks/target/other-node", evil, GENERATION + 1, now + 86_400),
        "wrong_path");
  }

  @Test
  void anOlderGeneration() throws Exception {
    acceptGoodList();
    byte[] evil = list("evil");
    assertRefused(evil, signature(key, PATH, evil, GENERATION - 1, now + 86_400), "rollback");
  }

  @Test
  void anExpiredList() throws Exception {
    acceptGoodList();
    byte[] evil = list("evil");
    assertRefused(evil, signature(key, PATH, evil, GENERATION + 1, now - 60), "expired");
  }

  @Test
  void theSignatureRemoved() throws Exception {
    acceptGoodList();
    assertRefused(list("evil"), null, "missing");
  }

  @Test
  void theSignatureOfAnotherDocument() throws Exception {
    byte[] good = acceptGoodList();
    assertRefused(
        list("evil"), signature(key, PATH, good, GENERATION, now + 86_400), "digest_mismatch");
  }

  @Test
  void aForgedStatementUnderTheTrustedKeyId() throws Exception {
    acceptGoodList();
    byte[] evil = list("evil");
    String genuine =
        new String(
            signature(key, PATH, list("good"), GENERATION + 1, now + 86_400),
            StandardCharsets.US_ASCII);
    String forged = genuine.replaceFirst("sha256 [0-9a-f]{64}", "sha256 " + Sha256.hex(evil));
    assertRefused(evil, forged.getBytes(StandardCharsets.US_ASCII), "bad_signature");
  }

  @Test
  void neverFallsBackToAnUnsignedCachedList() throws Exception {
    byte[] unsigned = list("good");
    serve(unsigned, null);
    Map<String, String> withoutKeys = environment();
    withoutKeys.remove("AAMI_TRUSTED_KEYS");
    ProcessResult before = run(withoutKeys);
    assertEquals(0, before.exitCode(), before::toString);
    assertEquals(
        1,
        before.stderr().split("not signature-verified", -1).length - 1,
        "said once per run: " + before.stderr());
    assertEquals("0", metrics().get("aami_agent_signature_verified"));
    Files.delete(markers.resolve("good"));

    ProcessResult after = run();
    assertEquals(3, after.exitCode(), after::toString);
    assertFalse(Files.exists(markers.resolve("good")), "the unsigned cached list must not run");
    assertEquals("1", metrics().get("aami_agent_signature_failure{reason=\"missing\"}"));
    assertEquals("0", metrics().get("aami_agent_signature_verified"));
  }

  @Test
  void removingAKeyFileRevokesItsListsCachedOnesToo() throws Exception {
    acceptGoodList();
    SigningKey next = Keys.generate();
    trust(next);
    Files.delete(trusted.resolve("aami-" + key.keyId() + ".public.pem"));
    ProcessResult result = run();
    assertEquals(3, result.exitCode(), result::toString);
    assertFalse(Files.exists(markers.resolve("good")));
    assertEquals("1", metrics().get("aami_agent_signature_failure{reason=\"unknown_key\"}"));
  }

  @Test
  void duringARolloverAListSignedByBothKeysRunsOnNodesTrustingEither() throws Exception {
    SigningKey next = Keys.generate();
    byte[] good = list("good");
    serve(
        good,
        new Signer(List.of(key, next))
            .sign(new Statement(PATH, Sha256.hex(good), GENERATION, now + 86_400))
            .render());
    Files.delete(trusted.resolve("aami-" + key.keyId() + ".public.pem"));
    trust(next);
    ProcessResult result = run();
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(Files.exists(markers.resolve("good")));
  }

  @Test
  void aTrustedKeyDirectoryWithoutKeysIsAUsageError() throws Exception {
    Files.delete(trusted.resolve("aami-" + key.keyId() + ".public.pem"));
    serve(list("evil"), null);
    ProcessResult result = run();
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.stderr().contains("holds no *.pem public key"), result.stderr());
    assertFalse(Files.exists(markers.resolve("evil")));
  }
}
