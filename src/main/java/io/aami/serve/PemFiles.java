package io.aami.serve;

import io.aami.trust.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PEM certificate chain and an unencrypted PKCS#8 RSA or EC private key with the JDK only.
 */
final class PemFiles {

  private PemFiles() {}

  static KeyMaterial load(Path certificateFile, Path keyFile) throws ServeException {
    List<X509Certificate> chain = readCertificates(certificateFile);
    PrivateKey key = readPrivateKey(keyFile);
    KeyMaterial material = new KeyMaterial(key, chain);
    try {
      if (!material.keyMatchesLeaf()) {
        throw new ServeException(
            keyFile
                + ": private key does not belong to the first certificate in "
                + certificateFile);
      }
    } catch (GeneralSecurityException e) {
      throw new ServeException(keyFile + ": " + e.getMessage(), e);
    }
    return material;
  }

  static List<X509Certificate> readCertificates(Path file) throws ServeException {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Pem.Block block : blocks(file)) {
        if (block.label().equals("CERTIFICATE")) {
          chain.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw new ServeException(file + ": not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new ServeException(file + ": no '-----BEGIN CERTIFICATE-----' block found");
    }
    return chain;
  }

  static PrivateKey readPrivateKey(Path file) throws ServeException {
    for (Pem.Block block : blocks(file)) {
      switch (block.label()) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, block.der());
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new ServeException(
                file
                    + ": '"
                    + block.label()
                    + "' is not PKCS#8; convert it with"
                    + " 'openssl pkcs8 -topk8 -nocrypt -in "
                    + file
                    + " -out key.pkcs8.pem'");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new ServeException(
                file
                    + ": the private key is encrypted; aami serve needs an"
                    + " unencrypted PKCS#8 key ('openssl pkcs8 -topk8 -nocrypt')");
        default -> {}
      }
    }
    throw new ServeException(file + ": no '-----BEGIN PRIVATE KEY-----' block found");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws ServeException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // not this algorithm; try the next
      } catch (GeneralSecurityException e) {
        throw new ServeException(file + ": " + e.getMessage(), e);
      }
    }
    throw new ServeException(file + ": the PKCS#8 key is neither RSA nor EC");
  }

  private static List<Pem.Block> blocks(Path file) throws ServeException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ServeException(file + ": cannot read: " + IoErrors.describe(e), e);
    }
    try {
      return Pem.blocks(text);
    } catch (Pem.InvalidBase64Exception e) {
      throw new ServeException(file + ": invalid base64 in the " + e.label() + " block", e);
    }
  }
}
