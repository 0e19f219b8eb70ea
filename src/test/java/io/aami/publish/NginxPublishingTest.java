package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import io.aami.testsupport.DocumentedNginx;
import io.aami.testsupport.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
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
  @TempDir Path tmp;
  private Path repo;
  private Path site;
  private DocumentedNginx nginx;
  private HttpClient http;
  private int port;

  @BeforeEach
  void startNginx() throws Exception {
    assumeTrue(DocumentedNginx.binary().isPresent(), "nginx is not installed (CI installs nginx-light); skipping");
    // nginx workers may run as another user: make the temporary tree readable for them.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = tmp.resolve("repo");
    site = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
    assertEquals(ExitCode.OK, render().exitCode());
    nginx = DocumentedNginx.start(Files.createDirectories(tmp.resolve("nginx")), site);
    port = nginx.port();
    http = HttpClient.newBuilder().sslContext(TestCertificates.trusting(nginx.certificate()))
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  private Cli render() {
    return Cli.run("render", "--repo", repo.toString(), "--out", site.toString());
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
  void signatureFilesAreServedAsTextWithEtagsThatSurviveAnUnchangedRender() throws Exception {
    Path keys = tmp.resolve("keys");
    assertEquals(ExitCode.OK, Cli.run("keys", "generate", "--out", keys.toString()).exitCode());
    Path privateKey;
    try (var files = Files.list(keys)) {
      privateKey = files.filter(f -> f.toString().endsWith(".private.pem")).findFirst().orElseThrow();
    }
    Cli signed = Cli.run("render", "--repo", repo.toString(), "--out", site.toString(), "--sign-key", privateKey.toString());
    assertEquals(ExitCode.OK, signed.exitCode(), signed.err());

    for (String path : List.of("/api/v1/checks/target/gpu-node-01.sig",
        "/api/v1/checks/target/hostname/gpu-node-01.example.internal.sig", "/manifest.json.sig")) {
      HttpResponse<String> response = get(path, null);
      assertEquals(200, response.statusCode(), path);
      assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow(), path);
      assertEquals("no-cache", response.headers().firstValue("cache-control").orElseThrow(), path);
      assertEquals(Files.readString(site.resolve(path.substring(1))), response.body());
    }
    assertEquals("application/json",
        get("/api/v1/checks/target/gpu-node-01", null).headers().firstValue("content-type").orElseThrow());
    assertEquals(404, get("/api/v1/checks/target/no-such-node.sig", null).statusCode());

    String etag = etag("/api/v1/checks/target/gpu-node-01.sig");
    Cli again = Cli.run("render", "--repo", repo.toString(), "--out", site.toString(), "--sign-key", privateKey.toString());
    assertTrue(again.out().contains("is up to date"), again.out());
    assertEquals(etag, etag("/api/v1/checks/target/gpu-node-01.sig"));
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01.sig", etag).statusCode());
  }
}
