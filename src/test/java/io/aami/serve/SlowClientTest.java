package io.aami.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.aami.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow-client attack on 127.0.0.1: clients that go silent in every phase of a connection (before
 * or inside the TLS handshake, inside the request line or header, inside a body) must neither stop
 * the server from answering others nor keep their own connection past its deadline. Bounded: a few
 * hundred sockets, every wait has a timeout.
 */
class SlowClientTest {
  /**
   * Silent plain-TCP clients per kind; TLS ones cost the test a handshake each, so fewer of those.
   */
  private static final int SILENT_PER_KIND = 100;

  private static final int SILENT_TLS_PER_KIND = 30;
  private static final byte[] PARTIAL_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00};

  @TempDir static Path certificates;
  static TestCertificates.Pair certificate;
  static SSLContext client;

  @TempDir Path site;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<String> accessLog = new java.util.concurrent.CopyOnWriteArrayList<>();
  private SiteServer server;

  @BeforeAll
  static void certificate() throws Exception {
    certificate = TestCertificates.generate(certificates, "server", TestCertificates.KeyType.EC);
    client = TestCertificates.trusting(certificate.certificate());
  }

  @BeforeEach
  void site() throws IOException {
    Files.writeString(site.resolve("manifest.json"), "{\"files\":[]}\n");
  }

  @AfterEach
  void cleanUp() {
    sockets.forEach(Watchdog::closeQuietly);
    if (server != null) {
      server.stop(Duration.ZERO);
    }
  }

  @Test
  void othersAreAnsweredWhileHundredsOfSilentClientsHoldConnections() throws Exception {
    start(limits(Duration.ofMinutes(5), 16 * 1024, 1000, 2048));
    for (int i = 0; i < SILENT_PER_KIND; i++) {
      sockets.add(plain()); // connected, never says a word
      sockets.add(plainSending(PARTIAL_CLIENT_HELLO)); // TLS handshake cut short
    }
    for (int i = 0; i < SILENT_TLS_PER_KIND; i++) {
      sockets.add(tlsSending("GET /manifest.js")); // partial request line
      sockets.add(
          tlsSending("GET /manifest.json HTTP/1.1\r\nHost: x\r\nX-Slow: ")); // partial header
      sockets.add(
          tlsSending(
              "GET /manifest.json HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                  + "short")); // body shorter than its Content-Length
    }

    HttpClient http =
        HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "manifest.json"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("{\"files\":[]}\n", response.body());
    }
  }

  @Test
  void aClientSilentInAnyPhaseIsDisconnectedAtItsDeadline() throws Exception {
    start(limits(Duration.ofSeconds(3), 16 * 1024, 1000, 2048));
    List<Socket> stalled =
        List.of(
            plain(),
            plainSending(PARTIAL_CLIENT_HELLO),
            tlsSending("GET /manifest.js"),
            tlsSending("GET /manifest.json HTTP/1.1\r\nHost: x\r\nX-Slow: "),
            tlsSending(
                "GET /manifest.json HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort"));
    sockets.addAll(stalled);

    for (Socket socket : stalled) {
      assertClosedByServer(socket);
    }
  }

  @Test
  void aClientTricklingItsHeaderIsCutOffAtTheHeaderDeadlineNotPerByte() throws Exception {
    start(limits(Duration.ofMillis(800), 16 * 1024, 1000, 2048));
    Socket socket = tlsSending("GET /manifest.json HTTP/1.1\r\n");
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    long started = System.nanoTime();
    try {
      // One byte every 100 ms: a read timeout would never fire, the phase deadline must.
      for (int i = 0; i < 300; i++) {
        out.write('X');
        out.flush();
        Thread.sleep(100);
      }
      fail("still connected after 30 s of trickling");
    } catch (IOException expected) {
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      assertTrue(seconds < 20, "cut off only after " + seconds + " s");
    }
    awaitOpenConnections(0);
    assertTrue(
        accessLog.stream().anyMatch(line -> line.contains("] connection dropped: ")),
        accessLog::toString);
  }

  @Test
  void anOversizedRequestHeadIsRefusedWith431() throws Exception {
    start(limits(Duration.ofSeconds(30), 4096, 1000, 2048));

    String reply =
        exchange(
            "GET /manifest.json HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8000) + "\r\n\r\n");

    assertTrue(reply.startsWith("HTTP/1.1 431 "), reply);
    assertTrue(reply.contains("Connection: close"), reply);
  }

  @Test
  void aConnectionServesABoundedNumberOfRequests() throws Exception {
    start(limits(Duration.ofSeconds(30), 16 * 1024, 2, 2048));
    String one = "GET /manifest.json HTTP/1.1\r\nHost: x\r\n\r\n";

    String replies = exchange(one + one + one);

    assertEquals(2, replies.split("HTTP/1.1 200 ", -1).length - 1, replies);
    assertTrue(replies.contains("Connection: close"), replies);
  }

  @Test
  void aBodyIsReadAndDroppedAndTheConnectionStaysUsable() throws Exception {
    start(limits(Duration.ofSeconds(30), 16 * 1024, 1000, 2048));

    String replies =
        exchange(
            "POST /manifest.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /manifest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertTrue(replies.startsWith("HTTP/1.1 405 "), replies);
    assertTrue(replies.contains("HTTP/1.1 200 "), replies);
  }

  @Test
  void connectionsBeyondTheCapAreClosedOnAcceptAndTheSlotsComeBack() throws Exception {
    start(limits(Duration.ofSeconds(30), 16 * 1024, 1000, 3));
    List<Socket> holding = List.of(plain(), plain(), plain());
    sockets.addAll(holding);
    awaitOpenConnections(3); // the acceptor holds all three before the fourth arrives

    Socket refused = plain();
    sockets.add(refused);
    assertClosedByServer(refused);

    holding.forEach(Watchdog::closeQuietly);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String reply = "";
    while (System.nanoTime() < deadline && !reply.startsWith("HTTP/1.1 200 ")) {
      Thread.sleep(50);
      try {
        reply = exchange("GET /manifest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      } catch (IOException stillFull) {
        reply = "";
      }
    }
    assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
  }

  @Test
  void malformedRequestLinesGet400AndALogLine() throws Exception {
    start(limits(Duration.ofSeconds(30), 16 * 1024, 1000, 2048));

    for (String bad :
        List.of(
            "GET\r\n\r\n",
            "GET http://elsewhere/ HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
            "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n")) {
      String reply = exchange(bad);
      assertTrue(reply.startsWith("HTTP/1.1 400 "), bad + " -> " + reply);
    }
    assertFalse(exchange("GET / HTTP/2.0\r\n\r\n").startsWith("HTTP/1.1 200"));
    assertEquals(6, accessLog.size(), accessLog::toString);
  }

  private void awaitOpenConnections(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.openConnections() != expected) {
      assertTrue(
          System.nanoTime() < deadline,
          () -> server.openConnections() + " connections open, not " + expected);
      Thread.sleep(5);
    }
  }

  private static ServeLimits limits(
      Duration timeouts, int maxHeaderBytes, int maxRequests, int maxConnections) {
    return new ServeLimits(
        timeouts,
        timeouts,
        timeouts,
        timeouts,
        timeouts,
        maxHeaderBytes,
        64 * 1024,
        maxRequests,
        maxConnections);
  }

  private void start(ServeLimits limits) throws ServeException {
    server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(certificate.certificate(), certificate.privateKey()),
                limits),
            accessLog::add);
  }

  private Socket plain() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), server.url().getPort());
  }

  private Socket plainSending(byte[] bytes) throws IOException {
    Socket socket = plain();
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return socket;
  }

  private Socket tlsSending(String text) throws Exception {
    SSLSocket socket = (SSLSocket) TestCertificates.connect(client, server.url().getPort());
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  private String exchange(String request) throws Exception {
    try (Socket socket = tlsSending(request)) {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      in.transferTo(reply);
      return reply.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** The server, not this test, ends the connection: end of stream or reset, never our timeout. */
  private static void assertClosedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(15_000);
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // an error reply may precede the close
      }
    } catch (SocketTimeoutException e) {
      fail("the server kept a stalled connection open for 15 s");
    } catch (IOException closed) {
      // reset by the server: closed, as required
    }
  }
}
