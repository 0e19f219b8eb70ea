package io.aami.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every verdict of the verifier, and the strict format it reads. */
class VerifierTest {
  private static final String PATH = "api/v1/checks/target/db-01";
  private static final byte[] DOCUMENT = "[{\"name\":\"x\"}]\n".getBytes(StandardCharsets.UTF_8);
  private static final long NOW = 1_800_000_000L;

  private final SigningKey trusted = Keys.generate();
  private final SigningKey other = Keys.generate();
  private final Verifier verifier = new Verifier(List.of(trusted.publicKey()));

  private byte[] signed(
      SigningKey key, String path, byte[] document, long generation, long expires) {
    return new Signer(List.of(key))
        .sign(new Statement(path, Sha256.hex(document), generation, expires))
        .render();
  }

  private Verifier.Failure failure(
      byte[] signature, String path, byte[] document, long minGeneration) {
    return verifier.verify(signature, path, document, minGeneration, NOW).failure();
  }

  @Test
  void aValidSignatureIsAccepted() {
    Verifier.Verdict verdict =
        verifier.verify(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), PATH, DOCUMENT, 5, NOW);
    assertTrue(verdict.ok(), verdict::toString);
    assertEquals(5, verdict.statement().generation());
  }

  @Test
  void eachAttackHasItsReason() {
    byte[] changed = DOCUMENT.clone();
    changed[3] ^= 1;
    assertEquals(
        Verifier.Failure.DIGEST_MISMATCH,
        failure(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), PATH, changed, 0));
    assertEquals(
        Verifier.Failure.UNKNOWN_KEY,
        failure(signed(other, PATH, DOCUMENT, 5, NOW + 1), PATH, DOCUMENT, 0));
    assertEquals(
        Verifier.Failure.WRONG_PATH,
        failure(
            signed(trusted, "api/v1/checks/target/db-02", DOCUMENT, 5, NOW + 1),
            PATH,
            DOCUMENT,
            0));
    assertEquals(
        Verifier.Failure.ROLLBACK,
        failure(signed(trusted, PATH, DOCUMENT, 4, NOW + 1), PATH, DOCUMENT, 5));
    assertEquals(
        Verifier.Failure.EXPIRED,
        failure(signed(trusted, PATH, DOCUMENT, 5, NOW), PATH, DOCUMENT, 0));
    assertEquals(Verifier.Failure.MALFORMED, failure(new byte[0], PATH, DOCUMENT, 0));
  }

  @Test
  void aForgedStatementUnderATrustedKeyIdIsABadSignature() {
    String genuine =
        new String(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), StandardCharsets.US_ASCII);
    byte[] forged =
        genuine.replace("generation 5", "generation 6").getBytes(StandardCharsets.US_ASCII);
    assertEquals(Verifier.Failure.BAD_SIGNATURE, failure(forged, PATH, DOCUMENT, 0));
  }

  @Test
  void anyTrustedSignatureOfSeveralSuffices() {
    byte[] both =
        new Signer(List.of(other, trusted))
            .sign(new Statement(PATH, Sha256.hex(DOCUMENT), 1, NOW + 1))
            .render();
    assertTrue(verifier.verify(both, PATH, DOCUMENT, 0, NOW).ok());
    assertTrue(new Verifier(List.of(other.publicKey())).verify(both, PATH, DOCUMENT, 0, NOW).ok());
  }

  @Test
  void signaturesAreDeterministic() {
    assertEquals(
        new String(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), StandardCharsets.US_ASCII),
        new String(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), StandardCharsets.US_ASCII));
  }

  @Test
  void onlyTheCanonicalFormParses() {
    String genuine =
        new String(signed(trusted, PATH, DOCUMENT, 5, NOW + 1), StandardCharsets.US_ASCII);
    for (String variant :
        List.of(
            genuine.replace("\n", "\r\n"),
            genuine.replace("generation 5", "generation 05"),
            genuine.replace("path ", "path  "),
            genuine + "\n",
            genuine.substring(0, genuine.length() - 1),
            genuine.replace("aami-signature 1", "aami-signature 2"),
            genuine + "comment\n",
            genuine.replace("sha256 ", "sha256 A").substring(0, genuine.length()))) {
      assertThrows(
          MalformedSignatureException.class,
          () -> SignatureFile.parse(variant.getBytes(StandardCharsets.US_ASCII)),
          variant);
    }
  }

  @Test
  void expiriesAreStableWithinAHalfPeriodWindow() {
    long day = 86_400;
    long start = 20_000 * 15 * day;
    assertEquals(start + 30 * day, Expiry.of(start, 30 * day));
    assertEquals(start + 30 * day, Expiry.of(start + 15 * day - 1, 30 * day));
    assertEquals(start + 45 * day, Expiry.of(start + 15 * day, 30 * day));
    for (long now = start; now < start + 40 * day; now += 3_601) {
      long left = Expiry.of(now, 30 * day) - now;
      assertTrue(left > 15 * day && left <= 30 * day, "left " + left);
    }
  }
}
