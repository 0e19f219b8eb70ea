package io.aami.serve;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A private key with its certificate chain (leaf first), ready to become a server SSLContext. */
record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
  KeyMaterial {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * True when the private key belongs to the leaf certificate (proved by a signature round trip).
   */
  boolean keyMatchesLeaf() throws GeneralSecurityException {
    String algorithm =
        switch (privateKey.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw new GeneralSecurityException(
                  "unsupported key algorithm " + privateKey.getAlgorithm() + " (use RSA or EC)");
        };
    byte[] probe = "aami key check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    try {
      verifier.initVerify(leaf().getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an EC key against an RSA certificate
    }
  }

  SSLContext sslContext() throws GeneralSecurityException {
    char[] password = new char[24];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("aami", privateKey, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(
          "cannot build the in-memory key store: " + e.getMessage(), e);
    }
  }

  /** The leaf certificate as PEM, for clients to trust (AAMI_CA_FILE). */
  String leafPem() throws CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(leaf().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
