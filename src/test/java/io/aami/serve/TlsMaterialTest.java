package io.aami.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.TestCertificates;
import io.aami.testsupport.TestCertificates.KeyType;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM loading and self-signed generation, each proved by a real TLS handshake where it matters. */
class TlsMaterialTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void pemCertificateAndPkcs8KeyServeHttps(KeyType type) throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(dir, "server", type);
    Path site = Files.createDirectory(dir.resolve("site"));
    Files.writeString(site.resolve("manifest.json"), "{}\n");

    SiteServer server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(pair.certificate(), pair.privateKey())),
            line -> {});
    try {
      assertEquals(200, fetch(server, TestCertificates.trusting(pair.certificate())).statusCode());
    } finally {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    TestCertificates.Pair served = TestCertificates.generate(dir, "served", KeyType.EC);
    TestCertificates.Pair other = TestCertificates.generate(dir, "other", KeyType.EC);
    Path site = Files.createDirectory(dir.resolve("site"));

    SiteServer server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(served.certificate(), served.privateKey())),
            line -> {});
    try {
      assertThrows(
          SSLHandshakeException.class,
          () -> fetch(server, TestCertificates.trusting(other.certificate())));
    } finally {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void aChainIsReadLeafFirst() throws Exception {
    TestCertificates.Pair leaf = TestCertificates.generate(dir, "leaf", KeyType.EC);
    TestCertificates.Pair second = TestCertificates.generate(dir, "second", KeyType.RSA);
    Path chain = dir.resolve("chain.pem");
    Files.writeString(
        chain, Files.readString(leaf.certificate()) + Files.readString(second.certificate()));

    List<X509Certificate> certificates = PemFiles.readCertificates(chain);

    assertEquals(2, certificates.size());
    KeyMaterial material = PemFiles.load(chain, leaf.privateKey());
    assertEquals(certificates.get(0), material.leaf());
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    TestCertificates.Pair first = TestCertificates.generate(dir, "first", KeyType.EC);
    TestCertificates.Pair second = TestCertificates.generate(dir, "second", KeyType.EC);

    ServeException error =
        assertThrows(
            ServeException.class, () -> PemFiles.load(first.certificate(), second.privateKey()));

    assertEquals(
        second.privateKey()
            + ": private key does not belong to the first certificate in "
            + first.certificate(),
        error.getMessage());
  }

  @Test
  void anRsaKeyForAnEcCertificateIsRefused() throws Exception {
    TestCertificates.Pair ec = TestCertificates.generate(dir, "ec", KeyType.EC);
    TestCertificates.Pair rsa = TestCertificates.generate(dir, "rsa", KeyType.RSA);

    ServeException error =
        assertThrows(ServeException.class, () -> PemFiles.load(ec.certificate(), rsa.privateKey()));

    assertTrue(error.getMessage().contains("does not belong"), error.getMessage());
  }

  @Test
  void aTraditionalPkcs1KeyGetsAConversionHint() throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(dir, "server", KeyType.RSA);
    Path pkcs1 = dir.resolve("pkcs1.pem");
    ProcessResult converted =
        Processes.run(
            List.of(
                "openssl",
                "pkey",
                "-in",
                pair.privateKey().toString(),
                "-traditional",
                "-out",
                pkcs1.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir);
    assertEquals(0, converted.exitCode(), converted::toString);
    assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

    ServeException error =
        assertThrows(ServeException.class, () -> PemFiles.load(pair.certificate(), pkcs1));

    assertTrue(
        error.getMessage().startsWith(pkcs1 + ": 'RSA PRIVATE KEY' is not PKCS#8"),
        error.getMessage());
    assertTrue(error.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), error.getMessage());
  }

  @Test
  void anEncryptedKeyIsRefusedWithAHint() throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(dir, "server", KeyType.EC);
    Path encrypted = dir.resolve("encrypted.pem");
    ProcessResult converted =
        Processes.run(
            List.of(
                "openssl",
                "pkcs8",
                "-topk8",
                "-in",
                pair.privateKey().toString(),
                "-passout",
                "pass:secret",
                "-out",
                encrypted.toString()),
            Map.of("PATH", System.getenv("PATH")),
            dir);
    assertEquals(0, converted.exitCode(), converted::toString);

    ServeException error =
        assertThrows(ServeException.class, () -> PemFiles.load(pair.certificate(), encrypted));

    assertTrue(error.getMessage().contains("the private key is encrypted"), error.getMessage());
  }

  @Test
  void missingAndWrongFilesNameTheFile() throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(dir, "server", KeyType.EC);
    Path missing = dir.resolve("missing.pem");

    ServeException noCertificateFile =
        assertThrows(ServeException.class, () -> PemFiles.load(missing, pair.privateKey()));
    ServeException keyAsCertificate =
        assertThrows(
            ServeException.class, () -> PemFiles.load(pair.privateKey(), pair.privateKey()));
    ServeException certificateAsKey =
        assertThrows(
            ServeException.class, () -> PemFiles.load(pair.certificate(), pair.certificate()));

    assertEquals(missing + ": cannot read: no such file", noCertificateFile.getMessage());
    assertEquals(
        pair.privateKey() + ": no '-----BEGIN CERTIFICATE-----' block found",
        keyAsCertificate.getMessage());
    assertEquals(
        pair.certificate() + ": no '-----BEGIN PRIVATE KEY-----' block found",
        certificateAsKey.getMessage());
  }

  @Test
  void selfSignedWritesTheCertificateClientsThenTrust() throws Exception {
    Path site = Files.createDirectory(dir.resolve("site"));
    Files.writeString(site.resolve("manifest.json"), "{}\n");
    Path ca = dir.resolve("ca.pem");

    SiteServer server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.SelfSigned(Optional.of(ca))),
            line -> {});
    try {
      assertEquals(Optional.of(ca.toAbsolutePath()), server.caCertificate());
      assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----\n"));
      // Agents run as their own user and must be able to read it.
      assertEquals(
          "rw-r--r--",
          java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ca)));
      X509Certificate certificate = PemFiles.readCertificates(ca).get(0);
      assertTrue(
          certificate.getSubjectAlternativeNames().stream()
              .anyMatch(name -> name.get(1).equals("127.0.0.1")),
          "SAN 127.0.0.1");
      assertEquals(200, fetch(server, TestCertificates.trusting(ca)).statusCode());
    } finally {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void selfSignedWithoutCaOutUsesANewTemporaryFile() throws Exception {
    Path site = Files.createDirectory(dir.resolve("site"));

    SiteServer server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.SelfSigned(Optional.empty())),
            line -> {});
    try {
      Path ca = server.caCertificate().orElseThrow();
      assertTrue(ca.getFileName().toString().startsWith("aami-serve-ca-"), ca.toString());
      assertEquals(404, fetch(server, TestCertificates.trusting(ca)).statusCode());
      Files.delete(ca);
    } finally {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void aSpecificBindAddressIsAddedToTheSelfSignedNames() throws Exception {
    assertEquals(
        List.of("dns:localhost", "ip:127.0.0.1", "ip:::1", "ip:192.0.2.7"),
        SelfSignedCertificate.subjectAlternativeNames(InetAddress.getByName("192.0.2.7")));
    assertEquals(
        List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"),
        SelfSignedCertificate.subjectAlternativeNames(InetAddress.getByName("0.0.0.0")));
  }

  private static HttpResponse<String> fetch(SiteServer server, javax.net.ssl.SSLContext trust)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
    return client.send(
        HttpRequest.newBuilder(server.url().resolve("/manifest.json"))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
