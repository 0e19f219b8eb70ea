package io.aami.trust;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs statements with one or more keys (two during a rollover), in the order given. Ed25519 is
 * deterministic, so the same statement and keys always give the same bytes: a re-render that
 * changes nothing writes nothing new.
 */
public final class Signer {
  private final List<SigningKey> keys;

  public Signer(List<SigningKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a signer needs at least one key");
    }
    this.keys = List.copyOf(keys);
  }

  public List<SigningKey> keys() {
    return keys;
  }

  public SignatureFile sign(Statement statement) {
    byte[] payload = statement.payload();
    List<SignatureFile.Signed> signatures = new ArrayList<>();
    for (SigningKey key : keys) {
      try {
        Signature signature = Signature.getInstance(Keys.ALGORITHM);
        signature.initSign(key.privateKey());
        signature.update(payload);
        signatures.add(new SignatureFile.Signed(key.keyId(), signature.sign()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed with key " + key.keyId(), e);
      }
    }
    return new SignatureFile(statement, signatures);
  }
}
