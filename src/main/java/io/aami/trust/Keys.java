package io.aami.trust;

import io.aami.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ed25519 keys with the JDK's own provider, in the PEM forms openssl reads and writes: PKCS#8
 * ({@code PRIVATE KEY}) and SubjectPublicKeyInfo ({@code PUBLIC KEY}). The key id is the first 16
 * hex digits of the SHA-256 of the public key's DER encoding, which {@code openssl pkey -pubin
 * -outform DER | sha256sum} reproduces.
 */
public final class Keys {
  static final String ALGORITHM = "Ed25519";
  private static final int KEY_ID_LENGTH = 16;

  private Keys() {}

  public static SigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
    }
  }

  public static String keyId(PublicKey key) {
    return Sha256.hex(key.getEncoded()).substring(0, KEY_ID_LENGTH);
  }

  public static String privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** Every {@code PRIVATE KEY} block of {@code text} (several for a rollover), in order. */
  public static List<SigningKey> readPrivateKeys(String text, String origin)
      throws KeyFormatException {
    List<SigningKey> keys = new ArrayList<>();
    for (byte[] der : blocks(text, "PRIVATE KEY", origin)) {
      PrivateKey key;
      try {
        key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        throw new KeyFormatException(
            origin + ": not an Ed25519 PKCS#8 private key (" + e.getMessage() + ")");
      }
      keys.add(new SigningKey(key, publicOf(key, origin)));
    }
    return keys;
  }

  /** The one {@code PUBLIC KEY} block of {@code text}. */
  public static PublicKey readPublicKey(String text, String origin) throws KeyFormatException {
    List<byte[]> blocks = blocks(text, "PUBLIC KEY", origin);
    if (blocks.size() != 1) {
      throw new KeyFormatException(
          origin + ": expected one PUBLIC KEY block, found " + blocks.size());
    }
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(blocks.get(0)));
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException(origin + ": not an Ed25519 public key (" + e.getMessage() + ")");
    }
  }

  private static List<byte[]> blocks(String text, String type, String origin)
      throws KeyFormatException {
    List<Pem.Block> found;
    try {
      found = Pem.blocks(text);
    } catch (Pem.InvalidBase64Exception e) {
      throw new KeyFormatException(origin + ": " + e.getMessage());
    }
    List<byte[]> blocks = new ArrayList<>();
    for (Pem.Block block : found) {
      if (!block.label().equals(type)) {
        throw new KeyFormatException(
            origin
                + ": found a "
                + block.label()
                + " block, expected "
                + type
                + (type.equals("PRIVATE KEY")
                    ? " (unencrypted PKCS#8, as 'aami keys generate' writes)"
                    : ""));
      }
      blocks.add(block.der());
    }
    if (blocks.isEmpty()) {
      throw new KeyFormatException(origin + ": no -----BEGIN " + type + "----- block");
    }
    return blocks;
  }

  /**
   * The public half of a private key. The JDK has no API for it, but its key pair generator derives
   * the public key from 32 random bytes, the private key; fed the key's own bytes, it computes its
   * public key. A test signature proves the result belongs to the key.
   */
  private static PublicKey publicOf(PrivateKey key, String origin) throws KeyFormatException {
    byte[] seed =
        ((EdECPrivateKey) key)
            .getBytes()
            .orElseThrow(
                () -> new KeyFormatException(origin + ": the private key bytes are not available"));
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      PublicKey candidate = generator.generateKeyPair().getPublic();
      byte[] probe = "aami key pair probe".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(candidate);
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new KeyFormatException(origin + ": cannot derive the public key of this private key");
      }
      return candidate;
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException(
          origin + ": unusable Ed25519 private key (" + e.getMessage() + ")");
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** Returns the given bytes, then fails: a generator must ask for exactly the seed. */
  private static final class SeedRandom extends SecureRandom {
    private byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      seed = null;
    }
  }
}
