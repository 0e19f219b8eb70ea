package io.aami.render.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus server for tests: started on 127.0.0.1 on a free port with its own storage
 * directory, queried through its HTTP API, stopped on {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path log;
  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, Path log, URI url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /**
   * Starts {@code prometheus} with {@code config} and waits until it is ready. The free port is
   * found by binding port 0 and releasing it, so another process may take it first: a start whose
   * process exits is retried on a new port.
   */
  static PrometheusServer start(Path executable, Path config, Path workDir)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      Path log = workDir.resolve("prometheus-" + attempt + ".log");
      Process process =
          new ProcessBuilder(
                  List.of(
                      executable.toString(),
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + workDir.resolve("data-" + attempt),
                      "--web.listen-address=127.0.0.1:" + port))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      PrometheusServer server =
          new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
      try {
        server.awaitReady();
        return server;
      } catch (IOException e) {
        server.close();
        last = e;
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("prometheus exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(url.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (ConnectException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "prometheus was not ready within " + STARTUP.toSeconds() + "s:\n" + log());
  }

  /** The {@code data} member of a successful {@code GET /api/v1/...} answer. */
  JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url.resolve("/api/v1/" + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IOException(
          "GET /api/v1/" + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return body.get("data");
  }

  /**
   * Polls {@code path} until {@code done} accepts its data, and returns that data; after {@code
   * timeout}, the last data, which the caller's assertions then show.
   */
  JsonNode await(String path, Predicate<JsonNode> done, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode data = api(path);
    while (!done.test(data) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      data = api(path);
    }
    return data;
  }

  /** The server's log so far, for failure messages. */
  String log() throws IOException {
    return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
