package io.aami.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aami serve} against request tricks: a trailing slash after a file, Host header games (RFC
 * 9112 3.2) and TLS 1.2 client-initiated renegotiation, over real TLS on 127.0.0.1.
 */
class ServeHardeningTest {
  private static final List<String> FILES =
      List.of(
          "manifest.json",
          "api/v1/checks/target/db-01",
          "api/v1/checks/target/hostname/db-01.example.internal",
          "api/v2/checks/target/db-01",
          "api/v1/scripts/sha256/" + "ab".repeat(32),
          "prometheus/rules/groups/db.yaml",
          "docs/index.html");

  @TempDir static Path certificates;
  static TestCertificates.Pair certificate;
  static SSLContext client;

  @TempDir Path site;
  private SiteServer server;

  @BeforeAll
  static void certificate() throws Exception {
    certificate = TestCertificates.generate(certificates, "server", TestCertificates.KeyType.EC);
    client = TestCertificates.trusting(certificate.certificate());
  }

  @BeforeEach
  void start() throws Exception {
    for (String file : FILES) {
      Files.createDirectories(site.resolve(file).getParent());
      Files.writeString(site.resolve(file), "[]\n");
    }
    server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(certificate.certificate(), certificate.privateKey()),
                ServeLimits.DEFAULT),
            line -> {});
  }

  @AfterEach
  void stop() {
    server.stop(Duration.ZERO);
  }

  private int port() {
    return server.url().getPort();
  }

  @Test
  void aTrailingSlashAfterAFileIsNotFound() throws Exception {
    for (String file : FILES) {
      assertEquals(200, RawHttp.send(client, port(), "GET", "/" + file).status(), file);
      for (String suffix : List.of("/", "//", "/./", "/index.html")) {
        assertEquals(
            404, RawHttp.send(client, port(), "GET", "/" + file + suffix).status(), file + suffix);
      }
      assertEquals(
          404,
          RawHttp.send(client, port(), "HEAD", "/" + file + "/").status(),
          "HEAD " + file + "/");
    }
    assertEquals(
        200, RawHttp.send(client, port(), "GET", "/docs/").status(), "a directory's index");
    assertEquals(
        404, RawHttp.send(client, port(), "GET", "/api/v1/checks/target/").status(), "no index");
  }

  private String exchange(String request) throws Exception {
    try (SSLSocket socket = (SSLSocket) TestCertificates.connect(client, port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(reply);
      return reply.toString(StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void hostHeadersFollowRfc9112() throws Exception {
    String get = "GET /manifest.json ";
    for (String bad :
        List.of(
            "HTTP/1.1\r\nHost: a\r\nHost: a\r\n",
            "HTTP/1.1\r\nHost: a\r\nHost: b\r\n",
            "HTTP/1.1\r\nhost: a\r\nHOST: evil.example\r\n",
            "HTTP/1.0\r\nHost: a\r\nHost: b\r\n",
            "HTTP/1.1\r\n",
            "HTTP/1.1\r\nHost: a b\r\n",
            "HTTP/1.1\r\nHost: a, b\r\n",
            "HTTP/1.1\r\nHost: a/b\r\n",
            "HTTP/1.1\r\nHost: user@a\r\n")) {
      String reply = exchange(get + bad + "Connection: close\r\n\r\n");
      assertTrue(reply.startsWith("HTTP/1.1 400 "), bad.replace("\r\n", "|") + " -> " + reply);
    }
    for (String good :
        List.of(
            "HTTP/1.1\r\nHost: a\r\n",
            "HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n",
            "HTTP/1.1\r\nHost: [::1]:8443\r\n",
            "HTTP/1.1\r\nHost: db-01.example.internal\r\n",
            "HTTP/1.0\r\n",
            "HTTP/1.1\r\nHost:\r\n")) {
      String reply = exchange(get + good + "Connection: close\r\n\r\n");
      assertTrue(reply.startsWith("HTTP/1.1 200 "), good.replace("\r\n", "|") + " -> " + reply);
    }
  }

  /** One keep-alive request and its whole reply (the body is "[]\n"). */
  private static String request(SSLSocket socket) throws IOException {
    socket
        .getOutputStream()
        .write(
            "GET /manifest.json HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    while (!reply.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n[]\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      reply.write(b);
    }
    return reply.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * The head limit bounds each request, not the connection: an agent fetches all its missing
   * scripts over one connection, and the server once answered 431 from about the 90th request on.
   */
  @Test
  void aKeepAliveConnectionServesMoreHeadsThanOneHeadsLimit() throws Exception {
    int head = "GET /manifest.json HTTP/1.1\r\nHost: a\r\n\r\n".length();
    int requests = 2 * ServeLimits.DEFAULT.maxHeaderBytes() / head;
    try (SSLSocket socket = (SSLSocket) TestCertificates.connect(client, port())) {
      socket.setSoTimeout(10_000);
      for (int i = 1; i <= requests; i++) {
        String reply = request(socket);
        assertTrue(reply.startsWith("HTTP/1.1 200 "), "request " + i + ": " + reply);
      }
    }
  }

  @Test
  void clientInitiatedRenegotiationIsRefused() throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      try (SSLSocket socket = (SSLSocket) TestCertificates.connect(client, port())) {
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.startHandshake();
        assertEquals("TLSv1.2", socket.getSession().getProtocol());
        assertTrue(request(socket).startsWith("HTTP/1.1 200 "), "served before renegotiating");
        boolean refused;
        try {
          socket.startHandshake(); // on an established TLS 1.2 session: renegotiation
          refused = !request(socket).startsWith("HTTP/1.1 200 ");
        } catch (IOException alertOrClose) {
          refused = true;
        }
        assertTrue(refused, "the connection must not be served after a renegotiation");
      }
    }
    try (SSLSocket socket = (SSLSocket) TestCertificates.connect(client, port())) {
      socket.setSoTimeout(10_000);
      assertTrue(request(socket).startsWith("HTTP/1.1 200 "), "ordinary clients are unaffected");
      assertFalse(socket.isClosed());
    }
  }
}
