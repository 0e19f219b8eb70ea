package io.aami.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real nginx running the {@code server} block of docs/PUBLISHING.md, with only its port,
 * certificate (a fresh EC one for 127.0.0.1) and root replaced. Tests that need it are skipped when
 * nginx or openssl is not installed.
 */
public final class DocumentedNginx implements AutoCloseable {
  private static final Pattern NGINX_BLOCK =
      Pattern.compile("```nginx\n(.*?)\n```", Pattern.DOTALL);

  private final Path tmp;
  private final Process process;
  private final int port;
  private final Path certificate;

  private DocumentedNginx(Path tmp, Process process, int port, Path certificate) {
    this.tmp = tmp;
    this.process = process;
    this.port = port;
    this.certificate = certificate;
  }

  public static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
    for (String dir : path.split(File.pathSeparator, -1)) {
      Path candidate = Path.of(dir, "nginx");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Serves {@code root}; {@code tmp} holds nginx's configuration, certificate and logs. */
  public static DocumentedNginx start(Path tmp, Path root) throws Exception {
    Optional<Path> binary = binary();
    assumeTrue(binary.isPresent(), "nginx is not installed (CI installs nginx-light); skipping");
    Tools.assumeOnPath("openssl");
    // nginx workers may run as another user: make the temporary tree readable for them.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cert = tmp.resolve("fullchain.pem");
    Path key = tmp.resolve("privkey.pem");
    ProcessResult openssl =
        Processes.run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString()),
            Map.of("PATH", System.getenv("PATH")),
            tmp);
    assertEquals(0, openssl.exitCode(), openssl::toString);
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Files.writeString(
        tmp.resolve("nginx.conf"), conf(tmp, root, documentedServerBlock(), port, cert, key));
    Files.createDirectories(tmp.resolve("logs"));
    Process process =
        new ProcessBuilder(
                binary.get().toString(),
                "-p",
                tmp.toString(),
                "-c",
                "nginx.conf",
                "-e",
                tmp.resolve("logs/error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("logs/nginx.out").toFile())
            .start();
    DocumentedNginx nginx = new DocumentedNginx(tmp, process, port, cert);
    nginx.awaitPort();
    return nginx;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "https://127.0.0.1:" + port;
  }

  /** The server's self-signed certificate, for clients ({@code AAMI_CA_FILE}). */
  public Path certificate() {
    return certificate;
  }

  static String documentedServerBlock() throws IOException {
    Matcher m =
        NGINX_BLOCK.matcher(Files.readString(Tools.projectDir().resolve("docs/PUBLISHING.md")));
    assertTrue(m.find(), "docs/PUBLISHING.md has an ```nginx block");
    String block = m.group(1);
    for (String documented :
        List.of(
            "listen 443 ssl http2;",
            "ssl_certificate     /etc/aami/tls/fullchain.pem;",
            "ssl_certificate_key /etc/aami/tls/privkey.pem;",
            "root /srv/aami/public;")) {
      assertTrue(block.contains(documented), "the documented block still contains: " + documented);
    }
    return block;
  }

  private static String conf(
      Path tmp, Path root, String serverBlock, int port, Path cert, Path key) {
    String server =
        serverBlock
            .replace("listen 443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;")
            .replaceAll("(?m)^.*listen \\[::\\].*\n", "")
            .replace("/etc/aami/tls/fullchain.pem", cert.toString())
            .replace("/etc/aami/tls/privkey.pem", key.toString())
            .replace("/srv/aami/public", root.toString());
    return "daemon off;\nworker_processes 1;\npid "
        + tmp.resolve("nginx.pid")
        + ";\n"
        + "error_log "
        + tmp.resolve("logs/error.log")
        + ";\n"
        + "events { worker_connections 64; }\nhttp {\n"
        + (Files.exists(Path.of("/etc/nginx/mime.types"))
            ? "  include /etc/nginx/mime.types;\n"
            : "")
        + "  access_log "
        + tmp.resolve("logs/access.log")
        + ";\n"
        + "  client_body_temp_path "
        + tmp.resolve("body")
        + ";\n"
        + "  proxy_temp_path "
        + tmp.resolve("proxy")
        + ";\n"
        + "  fastcgi_temp_path "
        + tmp.resolve("fastcgi")
        + ";\n"
        + "  uwsgi_temp_path "
        + tmp.resolve("uwsgi")
        + ";\n"
        + "  scgi_temp_path "
        + tmp.resolve("scgi")
        + ";\n"
        + server
        + "\n}\n";
  }

  private void awaitPort() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      assertTrue(process.isAlive(), () -> "nginx exited: " + logs());
      try (Socket s = new Socket()) {
        s.connect(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("nginx did not listen on " + port + ": " + logs());
  }

  /** nginx's access log, one line per request ("GET path HTTP/1.1" status ...). */
  public Path accessLog() {
    return tmp.resolve("logs/access.log");
  }

  public String logs() {
    try {
      return Files.readString(tmp.resolve("logs/nginx.out"))
          + Files.readString(tmp.resolve("logs/error.log"));
    } catch (IOException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
