package io.aami.trust;

import java.security.PrivateKey;
import java.security.PublicKey;

/** A private key with its public half and its key id, as the signer names it in signature lines. */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey) {
  public String keyId() {
    return Keys.keyId(publicKey);
  }
}
