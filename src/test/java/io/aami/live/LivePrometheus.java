package io.aami.live;

import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real Prometheus (the Debian package's binary) on a free loopback port with its own data
 * directory, scraping once a second a real node_exporter whose textfile directory the tests fill
 * through the real agent. Never the system services: every process is started here and stopped by
 * its own handle. Tests skip only when the binaries are absent; CI installs them (.ci/run).
 */
final class LivePrometheus implements AutoCloseable {
  static final String SCRAPE_INTERVAL = "1s";

  final Path dir;
  final Path textfileDir;
  final int prometheusPort;
  final int exporterPort;
  private final List<Process> processes = new ArrayList<>();
  private Process prometheus;
  private final String scheme;
  private final SSLContext tls;
  private final String authorization;

  /** TLS and basic auth for Prometheus's --web.config.file; null for plain HTTP without auth. */
  record WebConfig(Path certificate, Path key, String username, String password) {}

  private LivePrometheus(Path dir, WebConfig web, SSLContext tls) throws IOException {
    this.dir = dir;
    this.textfileDir = Files.createDirectories(dir.resolve("agent/textfile"));
    this.prometheusPort = freePort();
    this.exporterPort = freePort();
    this.scheme = web == null ? "http" : "https";
    this.tls = tls;
    this.authorization =
        web == null
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        (web.username() + ":" + web.password())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void assumeInstalled() {
    Tools.assumeOnPath("prometheus", "prometheus-node-exporter");
  }

  /** Starts node_exporter and Prometheus; returns once Prometheus has scraped the exporter. */
  static LivePrometheus start(Path dir) throws Exception {
    return start(dir, null, null);
  }

  static LivePrometheus start(Path dir, WebConfig web, SSLContext tls) throws Exception {
    assumeInstalled();
    LivePrometheus p = new LivePrometheus(dir, web, tls);
    p.startExporter();
    p.startPrometheus(web);
    return p;
  }

  String url() {
    return scheme + "://127.0.0.1:" + prometheusPort;
  }

  private void startExporter() throws IOException {
    processes.add(
        spawn(
            "node-exporter",
            List.of(
                "prometheus-node-exporter",
                "--web.listen-address=127.0.0.1:" + exporterPort,
                "--collector.disable-defaults",
                "--collector.textfile",
                "--collector.loadavg",
                "--collector.cpu",
                "--collector.textfile.directory=" + textfileDir)));
  }

  private void startPrometheus(WebConfig web) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 15s
        scrape_configs:
          - job_name: node
            scrape_interval: %s
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels: {aami_groups: ',web,', group_id: web, group_name: web}
        """
            .formatted(SCRAPE_INTERVAL, exporterPort));
    List<String> command =
        new ArrayList<>(
            List.of(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--storage.tsdb.retention.time=1d"));
    if (web != null) {
      String hash = bcrypt(web.password());
      Path webConfig = dir.resolve("web.yml");
      Files.writeString(
          webConfig,
          """
          tls_server_config:
            cert_file: %s
            key_file: %s
          basic_auth_users:
            %s: '%s'
          """
              .formatted(web.certificate(), web.key(), web.username(), hash));
      command.add("--web.config.file=" + webConfig);
    }
    prometheus = spawn("prometheus", command);
    processes.add(prometheus);
    Processes.waitUntil(() -> get("/-/ready").equals("200"));
    Processes.waitUntil(
        () -> get("/api/v1/query?query=up%7Bjob%3D%22node%22%7D%3D%3D1").contains("\"value\""));
  }

  /** Waits until a query returns at least one series, e.g. a metric the agent just wrote. */
  void awaitSeries(String selector) throws Exception {
    String q = java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8);
    Processes.waitUntil(() -> get("/api/v1/query?query=" + q).contains("\"value\""));
  }

  /** Waits until a query returns no series (a stale series has gone). */
  void awaitNoSeries(String selector) throws Exception {
    String q = java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8);
    Processes.waitUntil(() -> get("/api/v1/query?query=" + q).contains("\"result\":[]"));
  }

  /** Stops Prometheus (not the exporter), waiting until its port refuses connections. */
  void stopPrometheus() throws InterruptedException {
    prometheus.destroy();
    if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
      prometheus.destroyForcibly().waitFor();
    }
  }

  /** The status code, or for 200 the body; "" when nothing answers. */
  private String get(String path) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (tls != null) {
      builder.sslContext(tls);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          builder.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (path.equals("/-/ready")) {
        return String.valueOf(response.statusCode());
      }
      return response.statusCode() == 200 ? response.body() : String.valueOf(response.statusCode());
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private Process spawn(String name, List<String> command) throws IOException {
    return new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".log").toFile())
        .start();
  }

  /** A bcrypt hash by the C library's crypt(3) through perl (libxcrypt supports $2b$). */
  static String bcrypt(String password) throws Exception {
    Tools.assumeOnPath("perl");
    var result =
        Processes.run(
            List.of(
                "perl",
                "-e",
                "print crypt($ARGV[0], '$2b$05$' . $ARGV[1])",
                password,
                "aamiLiveChecksTestSalt"),
            java.util.Map.of("PATH", System.getenv("PATH")),
            Path.of("."));
    if (result.exitCode() != 0 || !result.stdout().startsWith("$2b$")) {
      throw new AssertionError("perl crypt cannot make a bcrypt hash: " + result);
    }
    return result.stdout();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}
