package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.cli.ExitCode;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import io.aami.testsupport.DocumentedNginx;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.TestCertificates;
import io.aami.testsupport.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @TempDir Path tmp;
  private Path repo;
  private Path site;
  private DocumentedNginx nginx;
  private HttpClient http;
  private int port;

  @BeforeEach
  void startNginx() throws Exception {
    assumeTrue(
        DocumentedNginx.binary().isPresent(),
        "nginx is not installed (CI installs nginx-light); skipping");
    // nginx workers may run as another user: make the temporary tree readable for them.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    repo = tmp.resolve("repo");
    site = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
    assertEquals(ExitCode.OK, render().exitCode());
    nginx = DocumentedNginx.start(Files.createDirectories(tmp.resolve("nginx")), site);
    port = nginx.port();
    http =
        HttpClient.newBuilder()
            .sslContext(TestCertificates.trusting(nginx.certificate()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
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
    HttpResponse<String> byHostname =
        get("/api/v1/checks/target/hostname/gpu-node-01.example.internal", null);
    assertEquals("application/json", byHostname.headers().firstValue("content-type").orElseThrow());
    assertEquals(byId.body(), byHostname.body());
    assertEquals(
        "application/json",
        get("/manifest.json", null).headers().firstValue("content-type").orElseThrow());
    assertEquals(404, get("/api/v1/checks/target/no-such-node", null).statusCode());
    assertEquals(404, get("/", null).statusCode());
  }

  @Test
  void etagsSurviveUnchangedRendersAndChangeWithTheContent() throws Exception {
    String gpu = etag("/api/v1/checks/target/gpu-node-01");
    String storage = etag("/api/v1/checks/target/storage-node-01");
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01", gpu).statusCode());

    assertEquals(ExitCode.OK, render().exitCode());
    assertEquals(
        gpu, etag("/api/v1/checks/target/gpu-node-01"), "an unchanged render keeps the ETag");
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01", gpu).statusCode());

    Path policies = repo.resolve("policies/mount-points.yaml");
    Files.writeString(
        policies, Files.readString(policies).replace("/mnt/datasets", "/mnt/dataset"));
    assertEquals(ExitCode.OK, render().exitCode());
    HttpResponse<String> changed = get("/api/v1/checks/target/gpu-node-01", gpu);
    assertEquals(200, changed.statusCode(), "the old ETag no longer matches");
    assertNotEquals(gpu, changed.headers().firstValue("etag").orElseThrow());
    assertTrue(changed.body().contains("\"/mnt/dataset\""), changed.body());
    assertEquals(
        storage, etag("/api/v1/checks/target/storage-node-01"), "other targets keep theirs");
  }

  @Test
  void signatureFilesAreServedAsTextWithEtagsThatSurviveAnUnchangedRender() throws Exception {
    Path keys = tmp.resolve("keys");
    assertEquals(ExitCode.OK, Cli.run("keys", "generate", "--out", keys.toString()).exitCode());
    Path privateKey;
    try (var files = Files.list(keys)) {
      privateKey =
          files.filter(f -> f.toString().endsWith(".private.pem")).findFirst().orElseThrow();
    }
    Cli signed =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            site.toString(),
            "--sign-key",
            privateKey.toString());
    assertEquals(ExitCode.OK, signed.exitCode(), signed.err());

    for (String path :
        List.of(
            "/api/v1/checks/target/gpu-node-01.sig",
            "/api/v1/checks/target/hostname/gpu-node-01.example.internal.sig",
            "/manifest.json.sig")) {
      HttpResponse<String> response = get(path, null);
      assertEquals(200, response.statusCode(), path);
      assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow(), path);
      assertEquals("no-cache", response.headers().firstValue("cache-control").orElseThrow(), path);
      assertEquals(Files.readString(site.resolve(path.substring(1))), response.body());
    }
    assertEquals(
        "application/json",
        get("/api/v1/checks/target/gpu-node-01", null)
            .headers()
            .firstValue("content-type")
            .orElseThrow());
    assertEquals(404, get("/api/v1/checks/target/no-such-node.sig", null).statusCode());

    String etag = etag("/api/v1/checks/target/gpu-node-01.sig");
    Cli again =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            site.toString(),
            "--sign-key",
            privateKey.toString());
    assertTrue(again.out().contains("is up to date"), again.out());
    assertEquals(etag, etag("/api/v1/checks/target/gpu-node-01.sig"));
    assertEquals(304, get("/api/v1/checks/target/gpu-node-01.sig", etag).statusCode());
  }

  @Test
  void immutableScriptsAreCachedForGoodAndTheCompactListIsRevalidated() throws Exception {
    String hash =
        new ObjectMapper()
            .readTree(site.resolve("api/v2/checks/target/" + NODE).toFile())
            .get(0)
            .get("hash")
            .asText();
    HttpResponse<String> script = get("/api/v1/scripts/sha256/" + hash, null);
    assertEquals(200, script.statusCode());
    assertEquals(
        "public, max-age=31536000, immutable",
        script.headers().firstValue("cache-control").orElseThrow());
    assertEquals(Files.readString(site.resolve("api/v1/scripts/sha256/" + hash)), script.body());
    HttpResponse<String> compact =
        get("/api/v2/checks/target/hostname/gpu-node-01.example.internal", null);
    assertEquals("application/json", compact.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", compact.headers().firstValue("cache-control").orElseThrow());
  }

  @Test
  void theAgentRunsFromTheCompactFormFetchingOnlyTheScriptsItLacks() throws Exception {
    Tools.assumeOnPath("bash", "curl", "jq", "flock", "sha256sum", "timeout");
    JsonNode checks =
        new ObjectMapper().readTree(site.resolve("api/v2/checks/target/" + NODE).toFile());
    Map<String, String> hashByName = new HashMap<>();
    checks.forEach(c -> hashByName.put(c.get("name").asText(), c.get("hash").asText()));
    List<String> scriptFetches = new ArrayList<>();
    new TreeSet<>(hashByName.values())
        .forEach(h -> scriptFetches.add("/api/v1/scripts/sha256/" + h + " 200"));
    Path cache = tmp.resolve("node/cache");

    ProcessResult first = agent(cache);
    assertTrue(
        first.exitCode() == 0 || first.exitCode() == 1, first.toString()); // 1: a check failed here
    assertFalse(first.stderr().contains("REFUSED"), first.toString());
    List<String> expected = new ArrayList<>(List.of("/api/v2/checks/target/" + NODE + " 200"));
    expected.addAll(scriptFetches);
    assertEquals(sorted(expected), sorted(requests()));
    String metrics = Files.readString(tmp.resolve("node/textfile/aami_agent.prom"));
    hashByName.forEach(
        (name, hash) -> {
          assertTrue(
              metrics.contains("aami_check_success{check=\"" + name + "\",version="), metrics);
          assertTrue(Files.isRegularFile(cache.resolve("checks/check-" + name + "-" + hash)), name);
        });

    assertEquals(first.exitCode(), agent(cache).exitCode());
    assertEquals(
        List.of("/api/v2/checks/target/" + NODE + " 304"), requests(), "nothing fetched again");

    String name = checks.get(0).get("name").asText();
    Files.delete(cache.resolve("checks/check-" + name + "-" + hashByName.get(name)));
    assertEquals(first.exitCode(), agent(cache).exitCode());
    assertEquals(
        List.of(
            "/api/v2/checks/target/" + NODE + " 304",
            "/api/v1/scripts/sha256/" + hashByName.get(name) + " 200"),
        requests(),
        "only the missing script");

    // A server without the compact form: the agent falls back to the inline one.
    Trees.deleteRecursively(site.resolve("api/v2"));
    ProcessResult inline = agent(cache);
    assertEquals(first.exitCode(), inline.exitCode(), inline.toString());
    assertEquals(
        List.of("/api/v2/checks/target/" + NODE + " 404", "/api/v1/checks/target/" + NODE + " 200"),
        requests());
  }

  /**
   * A signed site (render --sign-key) run by an agent that trusts the key: the compact list runs
   * with its signature verified (its script hashes are what the signature covers), and a compact
   * list altered on the server without a new signature is refused while the last good one runs.
   */
  @Test
  void theAgentRunsASignedCompactListAndRefusesOneAlteredOnTheServer() throws Exception {
    Tools.assumeOnPath("bash", "curl", "jq", "flock", "sha256sum", "timeout", "openssl");
    Cli keys = Cli.run("keys", "generate", "--out", tmp.resolve("keys").toString());
    assertEquals(ExitCode.OK, keys.exitCode(), keys.err());
    Matcher pair = Pattern.compile("private key (\\S+)\npublic key (\\S+)\n").matcher(keys.out());
    assertTrue(pair.find(), keys.out());
    Cli signed =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            site.toString(),
            "--sign-key",
            pair.group(1));
    assertEquals(ExitCode.OK, signed.exitCode(), signed.err());
    assertTrue(Files.isRegularFile(site.resolve("api/v2/checks/target/" + NODE + ".sig")));
    Path trusted = Files.createDirectories(tmp.resolve("trusted"));
    Files.copy(Path.of(pair.group(2)), trusted.resolve(Path.of(pair.group(2)).getFileName()));
    Path cache = tmp.resolve("node/cache");

    ProcessResult good = agent(cache, "--trusted-keys", trusted.toString());
    assertTrue(
        good.exitCode() == 0 || good.exitCode() == 1, good.toString()); // 1: a check failed here
    assertFalse(good.stderr().contains("REFUSED"), good.toString());
    assertTrue(requests().contains("/api/v2/checks/target/" + NODE + ".sig 200"));
    String metrics = Files.readString(tmp.resolve("node/textfile/aami_agent.prom"));
    assertTrue(metrics.contains("aami_agent_signature_verified 1"), metrics);

    // The server's copy gains a check the signer never saw: same script, another config.
    Path list = site.resolve("api/v2/checks/target/" + NODE);
    com.fasterxml.jackson.databind.node.ArrayNode checks =
        (com.fasterxml.jackson.databind.node.ArrayNode) new ObjectMapper().readTree(list.toFile());
    com.fasterxml.jackson.databind.node.ObjectNode extra = checks.get(0).deepCopy();
    extra.put("name", "injected");
    checks.add(extra);
    Files.writeString(list, new ObjectMapper().writeValueAsString(checks) + "\n");
    Files.setLastModifiedTime(
        list, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    ProcessResult altered = agent(cache, "--trusted-keys", trusted.toString());
    assertEquals(4, altered.exitCode(), altered.toString());
    assertTrue(altered.stderr().contains("REFUSED: signature"), altered.toString());
    String after = Files.readString(tmp.resolve("node/textfile/aami_agent.prom"));
    assertFalse(after.contains("check=\"injected\""), after);
    assertTrue(after.contains("aami_agent_using_cached_response 1"), after);
  }

  private int logged;

  /** The check list and script requests nginx logged since the last call, as "path status". */
  private List<String> requests() throws Exception {
    List<String> lines = Files.readAllLines(nginx.accessLog());
    List<String> requests = new ArrayList<>();
    for (String line : lines.subList(logged, lines.size())) {
      Matcher m = ACCESS.matcher(line);
      assertTrue(m.find(), line);
      if (!m.group(1)
          .equals("/api/v1/generation")) { // read before every list (AgentListGenerationTest)
        requests.add(m.group(1) + " " + m.group(2));
      }
    }
    logged = lines.size();
    return requests;
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    copy.sort(null);
    return copy;
  }

  private ProcessResult agent(Path cache, String... options) throws Exception {
    requests(); // only this run's requests count
    Path textfile = Files.createDirectories(tmp.resolve("node/textfile"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("AAMI_AGENT_CONFIG", Files.writeString(tmp.resolve("agent.conf"), "").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                Golden.projectDir().resolve("agent/dynamic-check.sh").toString(),
                "--once",
                "--base-url",
                "https://127.0.0.1:" + port,
                "--ca-file",
                nginx.certificate().toString(),
                "--target-id",
                NODE,
                "--textfile-dir",
                textfile.toString(),
                "--cache-dir",
                cache.toString()));
    command.addAll(List.of(options));
    return Processes.run(command, env, tmp);
  }
}
