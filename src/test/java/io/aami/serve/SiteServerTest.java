package io.aami.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testsupport.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteServerTest {
  private static final String CHECKS_JSON = "[{\"name\":\"mount-points\"}]\n";
  private static final String SECRET = "outside-secret-do-not-serve";

  @TempDir static Path certificates;
  static TestCertificates.Pair certificate;
  static SSLContext client;

  @TempDir Path temp;
  Path site;
  Path outside;

  private final List<String> accessLog = new CopyOnWriteArrayList<>();
  private SiteServer server;
  private HttpClient http;

  @BeforeAll
  static void certificate() throws Exception {
    certificate = TestCertificates.generate(certificates, "server", TestCertificates.KeyType.EC);
    client = TestCertificates.trusting(certificate.certificate());
  }

  @BeforeEach
  void startServer() throws Exception {
    site = Files.createDirectory(temp.resolve("site"));
    outside = Files.createDirectory(temp.resolve("outside"));
    write("api/v1/checks/target/web-01", CHECKS_JSON);
    write("api/v1/checks/target/hostname/web-01.example.com", CHECKS_JSON);
    write("manifest.json", "{\"files\":[]}\n");
    write("index.html", "<!doctype html><title>site</title>\n");
    write("notes.txt", "hello\n");
    write("rules.yaml", "groups: []\n");
    write("blob.xyz", "???\n");
    write("empty.json", "");
    write(".hidden", SECRET);
    write("api/.git/config", SECRET);
    Files.writeString(outside.resolve("secret.txt"), SECRET);
    Files.createSymbolicLink(site.resolve("leak.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(site.resolve("leakdir"), outside);
    Files.createSymbolicLink(site.resolve("alias.json"), site.resolve("manifest.json"));
    server =
        SiteServer.start(
            new ServeRequest(
                site,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(certificate.certificate(), certificate.privateKey())),
            accessLog::add);
    http =
        HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stopServer() {
    server.stop(Duration.ZERO);
  }

  @Test
  void getServesTheFileAsJsonWithAStrongSha256Etag() throws Exception {
    HttpResponse<String> response = get("/api/v1/checks/target/web-01");

    assertEquals(200, response.statusCode());
    assertEquals(CHECKS_JSON, response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        '"' + sha256(CHECKS_JSON) + '"', response.headers().firstValue("ETag").orElseThrow());
    assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void contentAddressedScriptsAreImmutableAndEverythingElseIsRevalidated() throws Exception {
    String script = "#!/bin/sh\necho ok 1\n";
    write("api/v1/scripts/sha256/" + sha256(script), script);

    HttpResponse<String> response = get("/api/v1/scripts/sha256/" + sha256(script));

    assertEquals(200, response.statusCode());
    assertEquals(script, response.body());
    assertEquals(
        "public, max-age=31536000, immutable",
        response.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(
        "text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "no-cache",
        get("/api/v2/checks/target/missing").headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void hostnamePathIsServedLikeTheTargetPath() throws Exception {
    HttpResponse<String> response = get("/api/v1/checks/target/hostname/web-01.example.com");

    assertEquals(200, response.statusCode());
    assertEquals(CHECKS_JSON, response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"current", "W/current", "\"other\", current", "*"})
  void ifNoneMatchWithTheCurrentTagAnswers304WithoutBody(String header) throws Exception {
    String etag = get("/manifest.json").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> response =
        send(
            request("/manifest.json")
                .header("If-None-Match", header.replace("current", etag))
                .GET());

    assertEquals(304, response.statusCode());
    assertEquals("", response.body());
    assertEquals(etag, response.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void aChangedFileGetsANewEtagAndTheOldTagNoLongerMatches() throws Exception {
    String oldTag = get("/manifest.json").headers().firstValue("ETag").orElseThrow();
    write("manifest.json", "{\"files\":[\"x\"]}\n");

    HttpResponse<String> response =
        send(request("/manifest.json").header("If-None-Match", oldTag).GET());

    assertEquals(200, response.statusCode());
    assertEquals("{\"files\":[\"x\"]}\n", response.body());
    assertEquals(
        '"' + sha256("{\"files\":[\"x\"]}\n") + '"',
        response.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void headAnnouncesTheGetHeadersWithoutABody() throws Exception {
    RawHttp.Reply reply = RawHttp.send(client, port(), "HEAD", "/api/v1/checks/target/web-01");

    assertEquals(200, reply.status());
    assertEquals("", reply.body());
    String head = reply.head().toLowerCase(Locale.ROOT);
    assertTrue(head.contains("content-length: " + CHECKS_JSON.length()), reply.head());
    assertTrue(head.contains("etag: \"" + sha256(CHECKS_JSON) + "\""), reply.head());
    assertTrue(head.contains("content-type: application/json"), reply.head());
  }

  @Test
  void anEmptyFileIsServedWithZeroLength() throws Exception {
    HttpResponse<String> response = get("/empty.json");

    assertEquals(200, response.statusCode());
    assertEquals("", response.body());
    assertEquals("0", response.headers().firstValue("Content-Length").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"})
  void otherMethodsGet405WithAnAllowHeaderAndJson(String method) throws Exception {
    RawHttp.Reply reply = RawHttp.send(client, port(), method, "/manifest.json");

    assertEquals(405, reply.status());
    assertTrue(reply.head().toLowerCase(Locale.ROOT).contains("allow: get, head"), reply.head());
    JsonNode body = new ObjectMapper().readTree(reply.body());
    assertEquals(405, body.get("status").asInt());
  }

  @Test
  void unknownPathsGetAJson404() throws Exception {
    HttpResponse<String> response = get("/api/v1/checks/target/no-such-target");

    assertEquals(404, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertEquals(404, body.get("status").asInt());
    assertEquals("not found", body.get("error").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../outside/secret.txt",
        "/api/../../secret.txt",
        "/api/v1/../../manifest.json",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/.%2e/secret.txt",
        "/api%2fv1%2fchecks%2ftarget%2fweb-01",
        "/api/v1/checks/target%2Fweb-01",
        "/%5c..%5csecret.txt",
        "/manifest.json%00.txt",
        "/./manifest.json",
        "/api//v1/checks/target/web-01",
        "/.hidden",
        "/api/.git/config",
        "/leak.txt",
        "/leakdir/secret.txt",
        "/%c0%ae%c0%ae/secret.txt"
      })
  void traversalAndHiddenPathsAre404(String rawTarget) throws Exception {
    RawHttp.Reply reply = RawHttp.send(client, port(), "GET", rawTarget);

    assertEquals(404, reply.status(), () -> rawTarget + " ->\n" + reply.head());
    assertFalse(reply.body().contains(SECRET), reply.body());
    assertTrue(reply.body().contains("\"not found\""), reply.body());
  }

  /** Targets the JDK's own request parsing rejects before any handler runs: still never served. */
  @ParameterizedTest
  @CsvSource({"//manifest.json, 404", "/%ZZ, 400"})
  void requestsTheJdkRejectsBeforeRoutingAreNotServed(String rawTarget, int status)
      throws Exception {
    RawHttp.Reply reply = RawHttp.send(client, port(), "GET", rawTarget);

    assertEquals(status, reply.status(), () -> rawTarget + " ->\n" + reply.head());
    assertFalse(reply.body().contains("files"), reply.body());
  }

  @Test
  void aSymlinkThatStaysInsideTheSiteIsServed() throws Exception {
    HttpResponse<String> response = get("/alias.json");

    assertEquals(200, response.statusCode());
    assertEquals("{\"files\":[]}\n", response.body());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/checks/target/web-01 | application/json",
        "/manifest.json               | application/json",
        "/notes.txt                   | text/plain; charset=utf-8",
        "/rules.yaml                  | application/yaml",
        "/blob.xyz                    | application/octet-stream",
        "/                            | text/html; charset=utf-8",
        "/index.html                  | text/html; charset=utf-8"
      })
  void contentTypeFollowsTheApiPathOrTheExtension(String path, String expected) throws Exception {
    HttpResponse<String> response = get(path);

    assertEquals(200, response.statusCode());
    assertEquals(expected, response.headers().firstValue("Content-Type").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/docs", "/docs/", "/docs/index.html"})
  void aDirectoryIndexIsHtmlWithOrWithoutTheTrailingSlash(String path) throws Exception {
    write("docs/index.html", "<!doctype html><title>docs</title>\n");

    HttpResponse<String> response = get(path);

    assertEquals(200, response.statusCode());
    assertEquals("<!doctype html><title>docs</title>\n", response.body());
    assertEquals(
        "text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void percentEncodedUtf8NamesAreServed() throws Exception {
    write("caf\u00e9.json", "{\"ok\":true}\n");

    RawHttp.Reply reply = RawHttp.send(client, port(), "GET", "/caf%C3%A9.json");

    assertEquals(200, reply.status(), reply::head);
    assertEquals("{\"ok\":true}\n", reply.body());
  }

  @Test
  void aSiteSwappedBehindASymlinkIsServedAtOnce() throws Exception {
    Path first = Files.createDirectories(temp.resolve("render-1"));
    Path second = Files.createDirectories(temp.resolve("render-2"));
    Files.writeString(first.resolve("manifest.json"), "{\"render\":1}\n");
    Files.writeString(second.resolve("manifest.json"), "{\"render\":2}\n");
    Path current = Files.createSymbolicLink(temp.resolve("current"), first);
    SiteServer swapped =
        SiteServer.start(
            new ServeRequest(
                current,
                InetAddress.getLoopbackAddress(),
                0,
                new TlsChoice.PemFiles(certificate.certificate(), certificate.privateKey())),
            line -> {});
    try {
      URI manifest = swapped.url().resolve("/manifest.json");
      assertEquals("{\"render\":1}\n", send(HttpRequest.newBuilder(manifest).GET()).body());

      Path next = Files.createSymbolicLink(temp.resolve("current.next"), second);
      Files.move(
          next,
          current,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);

      assertEquals("{\"render\":2}\n", send(HttpRequest.newBuilder(manifest).GET()).body());
    } finally {
      swapped.stop(Duration.ZERO);
    }
  }

  @Test
  void aDirectoryWithoutIndexIsNotListed() throws Exception {
    HttpResponse<String> response = get("/api/v1/checks/target/");

    assertEquals(404, response.statusCode());
    assertFalse(response.body().contains("web-01"), response.body());
  }

  @Test
  void everyRequestGetsOneAccessLogLine() throws Exception {
    get("/manifest.json");
    get("/missing");
    RawHttp.send(client, port(), "POST", "/manifest.json");

    assertEquals(3, accessLog.size(), accessLog::toString);
    assertTrue(
        accessLog
            .get(0)
            .matches(
                "127\\.0\\.0\\.1 - - \\[.+] \"GET /manifest\\.json HTTP/1\\.1\" 200 13 \\d+ms"),
        accessLog.get(0));
    assertTrue(accessLog.get(1).contains("\"GET /missing HTTP/1.1\" 404 "), accessLog.get(1));
    assertTrue(
        accessLog.get(2).contains("\"POST /manifest.json HTTP/1.1\" 405 "), accessLog.get(2));
  }

  @Test
  void controlCharactersFromTheRequestNeverReachTheLog() throws Exception {
    RawHttp.send(client, port(), "GET", "/a%0d%0aforged-line");

    assertEquals(1, accessLog.size(), accessLog::toString);
    assertFalse(
        accessLog.get(0).contains("\n") || accessLog.get(0).contains("\r"), accessLog.get(0));
  }

  @Test
  void stopReleasesWaitersAndClosesThePort() throws Exception {
    int port = port();
    Thread waiter =
        new Thread(
            () -> {
              try {
                server.awaitStop();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.start();

    server.stop(Duration.ZERO);
    waiter.join(30_000);

    assertFalse(waiter.isAlive());
    assertThrows(IOException.class, () -> RawHttp.send(client, port, "GET", "/manifest.json"));
  }

  @Test
  void theUrlNamesTheSchemeAndTheBoundPort() {
    assertEquals("https", server.url().getScheme());
    assertEquals("127.0.0.1", server.url().getHost());
    assertTrue(server.url().getPort() > 0);
    assertTrue(server.caCertificate().isEmpty());
  }

  @Test
  void plainHttpOnlyWhenExplicitlyChosen() throws Exception {
    SiteServer plain =
        SiteServer.start(
            new ServeRequest(site, InetAddress.getLoopbackAddress(), 0, new TlsChoice.PlainHttp()),
            line -> {});
    try {
      assertEquals("http", plain.url().getScheme());
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(plain.url().resolve("/manifest.json")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
    } finally {
      plain.stop(Duration.ZERO);
    }
  }

  @Test
  void aPortInUseIsAClearStartError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServeException error =
          assertThrows(
              ServeException.class,
              () ->
                  SiteServer.start(
                      new ServeRequest(
                          site,
                          InetAddress.getLoopbackAddress(),
                          taken.getLocalPort(),
                          new TlsChoice.PlainHttp()),
                      line -> {}));
      assertTrue(
          error.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          error.getMessage());
    }
  }

  @Test
  void aMissingRootIsAClearStartError() {
    Path missing = site.resolve("nope");
    ServeException error =
        assertThrows(
            ServeException.class,
            () ->
                SiteServer.start(
                    new ServeRequest(
                        missing, InetAddress.getLoopbackAddress(), 0, new TlsChoice.PlainHttp()),
                    line -> {}));
    assertEquals(missing + ": not a directory", error.getMessage());
  }

  private int port() {
    return server.url().getPort();
  }

  private void write(String relative, String content) throws IOException {
    Path file = site.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.url().toString()).resolve(path))
        .timeout(Duration.ofSeconds(30));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String sha256(String content) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
