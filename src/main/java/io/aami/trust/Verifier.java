package io.aami.trust;

import io.aami.digest.Sha256;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a signature file vouches for a document, in the order the node agent decides it
 * too: the format, a signature by a trusted key, the path, the digest, the generation, the expiry.
 * The first failure is the verdict.
 */
public final class Verifier {
  private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

  public Verifier(List<PublicKey> trustedKeys) {
    for (PublicKey key : trustedKeys) {
      trusted.put(Keys.keyId(key), key);
    }
  }

  /**
   * Verifies one document against its signature file with the trusted keys.
   *
   * @param minGeneration the oldest acceptable generation (the last accepted one); 0 for none
   * @param now Unix seconds
   */
  public Verdict verify(
      byte[] signatureFile, String path, byte[] document, long minGeneration, long now) {
    SignatureFile file;
    try {
      file = SignatureFile.parse(signatureFile);
    } catch (MalformedSignatureException e) {
      return Verdict.failed(Failure.MALFORMED, "malformed signature file: " + e.getMessage(), null);
    }
    Statement s = file.statement();
    Verdict byKey = signatureVerdict(file);
    if (!byKey.ok()) {
      return byKey;
    }
    if (!s.path().equals(path)) {
      return Verdict.failed(Failure.WRONG_PATH, "signed for " + s.path() + ", not " + path, s);
    }
    String digest = Sha256.hex(document);
    if (!s.sha256().equals(digest)) {
      return Verdict.failed(
          Failure.DIGEST_MISMATCH,
          "the document has sha256 " + digest + ", the signature names " + s.sha256(),
          s);
    }
    if (s.generation() < minGeneration) {
      return Verdict.failed(
          Failure.ROLLBACK, "generation " + s.generation() + " is older than " + minGeneration, s);
    }
    if (s.expires() <= now) {
      return Verdict.failed(Failure.EXPIRED, "expired at " + s.expires() + " (now " + now + ")", s);
    }
    return new Verdict(null, "signed by " + byKey.detail(), s);
  }

  /**
   * The statement of a well-formed signature file that a trusted key signed, whatever document,
   * generation or time it names; empty otherwise.
   */
  public Optional<Statement> authentic(byte[] signatureFile) {
    try {
      SignatureFile file = SignatureFile.parse(signatureFile);
      return signatureVerdict(file).ok() ? Optional.of(file.statement()) : Optional.empty();
    } catch (MalformedSignatureException e) {
      return Optional.empty();
    }
  }

  private Verdict signatureVerdict(SignatureFile file) {
    byte[] payload = file.statement().payload();
    boolean knownKey = false;
    for (SignatureFile.Signed signed : file.signatures()) {
      PublicKey key = trusted.get(signed.keyId());
      if (key == null) {
        continue;
      }
      knownKey = true;
      if (valid(key, payload, signed.value())) {
        return new Verdict(null, signed.keyId(), file.statement());
      }
    }
    return knownKey
        ? Verdict.failed(
            Failure.BAD_SIGNATURE,
            "the signature by a trusted key does not verify",
            file.statement())
        : Verdict.failed(Failure.UNKNOWN_KEY, "no signature by a trusted key", file.statement());
  }

  private static boolean valid(PublicKey key, byte[] payload, byte[] value) {
    try {
      Signature signature = Signature.getInstance(Keys.ALGORITHM);
      signature.initVerify(key);
      signature.update(payload);
      return signature.verify(value);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Why a document is refused; the names are the agent's {@code reason} label values. */
  public enum Failure {
    MISSING,
    MALFORMED,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_PATH,
    DIGEST_MISMATCH,
    ROLLBACK,
    EXPIRED;

    public String reason() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@code failure} is null when the document is accepted; {@code statement} null when unreadable.
   */
  public record Verdict(Failure failure, String detail, Statement statement) {
    static Verdict failed(Failure failure, String detail, Statement statement) {
      return new Verdict(failure, detail, statement);
    }

    public boolean ok() {
      return failure == null;
    }
  }
}
