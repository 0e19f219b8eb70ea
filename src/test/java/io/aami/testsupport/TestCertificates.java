package io.aami.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Server certificates made by the real openssl for 127.0.0.1/localhost, and clients trusting them.
 */
public final class TestCertificates {
  private TestCertificates() {}

  /** A certificate and PKCS#8 key pair on disk. */
  public record Pair(Path certificate, Path privateKey) {}

  public enum KeyType {
    EC("ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
    RSA("rsa", "-pkeyopt", "rsa_keygen_bits:2048");

    @SuppressWarnings("ImmutableEnumChecker") // a List.of, never changed
    final List<String> newKeyArguments;

    KeyType(String algorithm, String... options) {
      this.newKeyArguments = new java.util.ArrayList<>(List.of("-newkey", algorithm));
      this.newKeyArguments.addAll(List.of(options));
    }
  }

  public static Pair generate(Path dir, String name, KeyType type) throws Exception {
    Tools.assumeOnPath("openssl");
    Path cert = dir.resolve(name + ".crt.pem");
    Path key = dir.resolve(name + ".key.pem");
    List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-nodes"));
    command.addAll(type.newKeyArguments);
    command.addAll(
        List.of(
            "-keyout",
            key.toString(),
            "-out",
            cert.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1"));
    ProcessResult result = Processes.run(command, Map.of("PATH", System.getenv("PATH")), dir);
    assertEquals(0, result.exitCode(), () -> "openssl failed: " + result);
    return new Pair(cert, key);
  }

  /** A client TLS context that trusts exactly the given PEM certificate. */
  public static SSLContext trusting(Path certificatePem) throws Exception {
    Certificate certificate;
    try (InputStream in = Files.newInputStream(certificatePem)) {
      certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Opens a TLS socket to 127.0.0.1:port trusting the certificate, for hand-written requests. */
  public static Socket connect(SSLContext context, int port) throws Exception {
    return context.getSocketFactory().createSocket("127.0.0.1", port);
  }
}
