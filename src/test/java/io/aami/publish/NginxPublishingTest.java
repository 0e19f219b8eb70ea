package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serves a rendered site with a real nginx configured by the {@code server} block of
 * docs/PUBLISHING.md (only its port, certificate and root replaced) and checks what node agents
 * rely on: JSON content type for extensionless files, ETags that survive an unchanged render and
 * change with the content, 304 revalidation, 404 for unknown targets. Skipped without nginx.
 */
class NginxPublishingTest {
  private static final Pattern NGINX_BLOCK = Pattern.compile("```nginx\n(.*?)\n```", Pattern.DOTALL);

  @TempDir Path tmp;
  private Path repo;
  private Path site;
  private Process nginx;
  private HttpClient http;
  private int port;

  private static Optional<Path> onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @BeforeEach
  void startNginx() throws Exception {
    Optional<Path> binary = onPath("nginx");
    assumeTrue(binary.isPresent(), "nginx is not installed (CI installs nginx-light); skipping");
    assumeTrue(onPath("openssl").isPresent(), "openssl is not installed; skipping");
    // nginx workers may run as another user: make the temporary tree readable for them.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = tmp.resolve("repo");
    site = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
    assertEquals(ExitCode.OK, render().exitCode());

    Path cert = tmp.resolve("fullchain.pem");
    Path key = tmp.resolve("privkey.pem");
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString());
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Files.writeString(tmp.resolve("nginx.conf"), nginxConf(documentedServerBlock(), cert, key));
    Files.createDirectories(tmp.resolve("logs"));
    nginx = new ProcessBuilder(binary.get().toString(), "-p", tmp.toString(), "-c", "nginx.conf",
        "-e", tmp.resolve("logs/error.log").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("logs/nginx.out").toFile()).start();
    awaitPort();
    http = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    }
  }

  private Cli render() {
    return Cli.run("render", "--repo", repo.toString(), "--out", site.toString());
  }

  private String documentedServerBlock() throws Exception {
    Matcher m = NGINX_BLOCK.matcher(Files.readString(Golden.projectDir().resolve("docs/PUBLISHING.md")));
    assertTrue(m.find(), "docs/PUBLISHING.md has an ```nginx block");
    String block = m.group(1);
    for (String documented : List.of("listen 443 ssl http2;", "ssl_certificate     /etc/aami/tls/fullchain.pem;",
        "ssl_certificate_key /etc/aami/tls/privkey.pem;", "root /srv/aami/public;")) {
      assertTrue(block.contains(documented), "the documented block still contains: " + documented);
    }
    return block;
  }

  private String nginxConf(String serverBlock, Path cert, Path key) {
    String server = serverBlock
        .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;")
        .replaceAll("(?m)^.*listen \\[::\\].*\n", "")
        .replace("/etc/aami/tls/fullchain.pem", cert.toString())
        .replace("/etc/aami/tls/privkey.pem", key.toString())
        .replace("/srv/aami/public", site.toString());
    return "daemon off;\nworker_processes 1;\npid " + tmp.resolve("nginx.pid") + ";\n"
        + "error_log " + tmp.resolve("logs/error.log") + ";\n"
        + "events { worker_connections 64; }\nhttp {\n"
        + (Files.exists(Path.of("/etc/nginx/mime.types")) ? "  include /etc/nginx/mime.types;\n" : "")
        + "  access_log off;\n"
        + "  client_body_temp_path " + tmp.resolve("body") + ";\n"
        + "  proxy_temp_path " + tmp.resolve("proxy") + ";\n"
        + "  fastcgi_temp_path " + tmp.resolve("fastcgi") + ";\n"
        + "  uwsgi_temp_path " + tmp.resolve("uwsgi") + ";\n"
        + "  scgi_temp_path " + tmp.resolve("scgi") + ";\n"
        + server + "\n}\n";
  }

  private void awaitPort() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      assertTrue(nginx.isAlive(), () -> "nginx exited: " + logs());
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nginx did not listen on " + port + ": " + logs());
  }

  private String logs() {
    try {
      return Files.readString(tmp.resolve("logs/nginx.out")) + Files.readString(tmp.resolve("logs/error.log"));
    } catch (java.io.IOException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("aami-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), output);
  }

  private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String etag(String path) throws Exception {
    HttpResponse<String> response = get(path, null);
    assertEquals(200, response.statusCode(), path);
    return response.headers().firstValue("etag").orElseThrow();
  }

  @Test
  void servesTheChecksApiAsNodeAgentsExpect() throws Exception {
    HttpResponse<String> byId = get("/api/v1/checks/target/gpu-node-01", null);
    assertEquals(200, byId.statusCode());
    assertEquals("application/json", byId.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", byId.headers().firstValue("cache-control").orElseThrow());
    assertEquals(Files.readString(site.resolve("api/v1/checks/target/gpu-node-01")), byId.body());
    HttpResponse<String> byHostname = get("/api/v1/checks/target/hostname/gpu-node-01.example.internal", null);
    assertEquals("application/json", byHostname.headers().firstValue("content-type").orElseThrow());
    assertEquals(byId.body(), byHostname.body());
    assertEquals("application/json", get("/manifest.json", null).headers().firstValue("content-type").orElseThrow());
    assertEquals(404, get("/api/v1/checks/target/no-such-node", null).statusCode());
    assertEquals(404, get("/", null).statusCode());
  }

  @Test
  void etagsSurviveUnchangedRendersAndChangeWithTheContent() throws Exception {
    String gpu = etag("/api/v1/checks/target/gpu-node-01");
    String storage = etag("/api/v1/checks/target/storage-node-01");
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01", gpu).statusCode());

    assertEquals(ExitCode.OK, render().exitCode());
    assertEquals(gpu, etag("/api/v1/checks/target/gpu-node-01"), "an unchanged render keeps the ETag");
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01", gpu).statusCode());

    Path policies = repo.resolve("policies/mount-points.yaml");
    Files.writeString(policies, Files.readString(policies).replace("/mnt/datasets", "/mnt/dataset"));
    assertEquals(ExitCode.OK, render().exitCode());
    HttpResponse<String> changed = get("/api/v1/checks/target/gpu-node-01", gpu);
    assertEquals(200, changed.statusCode(), "the old ETag no longer matches");
    assertNotEquals(gpu, changed.headers().firstValue("etag").orElseThrow());
    assertTrue(changed.body().contains("\"/mnt/dataset\""), changed.body());
    assertEquals(storage, etag("/api/v1/checks/target/storage-node-01"), "other targets keep theirs");
  }
}
