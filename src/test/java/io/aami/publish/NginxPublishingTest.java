package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.cli.ExitCode;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
 * change with the content, 304 revalidation, 404 for unknown targets, and the node agent running
 * from the compact form. Skipped without nginx.
 */
class NginxPublishingTest {
  private static final Pattern ACCESS = Pattern.compile("\"GET (\\S+) HTTP/[0-9.]+\" (\\d{3}) ");
  private static final String NODE = "gpu-node-01";
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
        + "  access_log " + tmp.resolve("logs/access.log") + ";\n"
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

  @Test
  void immutableScriptsAreCachedForGoodAndTheCompactListIsRevalidated() throws Exception {
    String hash = new ObjectMapper().readTree(site.resolve("api/v2/checks/target/" + NODE).toFile())
        .get(0).get("hash").asText();
    HttpResponse<String> script = get("/api/v1/scripts/sha256/" + hash, null);
    assertEquals(200, script.statusCode());
    assertEquals("public, max-age=31536000, immutable", script.headers().firstValue("cache-control").orElseThrow());
    assertEquals(Files.readString(site.resolve("api/v1/scripts/sha256/" + hash)), script.body());
    HttpResponse<String> compact = get("/api/v2/checks/target/hostname/gpu-node-01.example.internal", null);
    assertEquals("application/json", compact.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", compact.headers().firstValue("cache-control").orElseThrow());
  }

  @Test
  void theAgentRunsFromTheCompactFormFetchingOnlyTheScriptsItLacks() throws Exception {
    Tools.assumeOnPath("bash", "curl", "jq", "flock", "sha256sum", "timeout");
    JsonNode checks = new ObjectMapper().readTree(site.resolve("api/v2/checks/target/" + NODE).toFile());
    Map<String, String> hashByName = new HashMap<>();
    checks.forEach(c -> hashByName.put(c.get("name").asText(), c.get("hash").asText()));
    List<String> scriptFetches = new ArrayList<>();
    new TreeSet<>(hashByName.values()).forEach(h -> scriptFetches.add("/api/v1/scripts/sha256/" + h + " 200"));
    Path cache = tmp.resolve("node/cache");

    ProcessResult first = agent(cache);
    assertTrue(first.exitCode() == 0 || first.exitCode() == 1, first.toString()); // 1: a check failed here
    assertFalse(first.stderr().contains("REFUSED"), first.toString());
    List<String> expected = new ArrayList<>(List.of("/api/v2/checks/target/" + NODE + " 200"));
    expected.addAll(scriptFetches);
    assertEquals(sorted(expected), sorted(requests()));
    String metrics = Files.readString(tmp.resolve("node/textfile/aami_agent.prom"));
    hashByName.forEach((name, hash) -> {
      assertTrue(metrics.contains("aami_check_success{check=\"" + name + "\",version="), metrics);
      assertTrue(Files.isRegularFile(cache.resolve("checks/check-" + name + "-" + hash)), name);
    });

    assertEquals(first.exitCode(), agent(cache).exitCode());
    assertEquals(List.of("/api/v2/checks/target/" + NODE + " 304"), requests(), "nothing fetched again");

    String name = checks.get(0).get("name").asText();
    Files.delete(cache.resolve("checks/check-" + name + "-" + hashByName.get(name)));
    assertEquals(first.exitCode(), agent(cache).exitCode());
    assertEquals(List.of("/api/v2/checks/target/" + NODE + " 304",
        "/api/v1/scripts/sha256/" + hashByName.get(name) + " 200"), requests(), "only the missing script");

    // A server without the compact form: the agent falls back to the inline one.
    Trees.deleteRecursively(site.resolve("api/v2"));
    ProcessResult inline = agent(cache);
    assertEquals(first.exitCode(), inline.exitCode(), inline.toString());
    assertEquals(List.of("/api/v2/checks/target/" + NODE + " 404", "/api/v1/checks/target/" + NODE + " 200"),
        requests());
  }

  private int logged;

  /** The requests nginx logged since the last call, as "path status". */
  private List<String> requests() throws Exception {
    List<String> lines = Files.readAllLines(tmp.resolve("logs/access.log"));
    List<String> requests = new ArrayList<>();
    for (String line : lines.subList(logged, lines.size())) {
      Matcher m = ACCESS.matcher(line);
      assertTrue(m.find(), line);
      requests.add(m.group(1) + " " + m.group(2));
    }
    logged = lines.size();
    return requests;
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    copy.sort(null);
    return copy;
  }

  private ProcessResult agent(Path cache) throws Exception {
    requests(); // only this run's requests count
    Path textfile = Files.createDirectories(tmp.resolve("node/textfile"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("AAMI_AGENT_CONFIG", Files.writeString(tmp.resolve("agent.conf"), "").toString());
    return Processes.run(List.of("bash", Golden.projectDir().resolve("agent/dynamic-check.sh").toString(),
        "--once", "--base-url", "https://127.0.0.1:" + port, "--ca-file", tmp.resolve("fullchain.pem").toString(),
        "--target-id", NODE, "--textfile-dir", textfile.toString(), "--cache-dir", cache.toString()),
        env, tmp);
  }
}
