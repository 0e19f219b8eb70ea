package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.Processes;
import io.aami.testsupport.TestCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run aami(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path site() throws Exception {
    Path site = dir.resolve("site");
    Files.createDirectories(site);
    Files.writeString(site.resolve("manifest.json"), "{\"files\":[]}\n");
    return site;
  }

  private static void assertUsageError(Run run, String message) {
    assertEquals(ExitCode.USAGE, run.exitCode(), run::err);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("aami: " + message + "\n"), run.err());
    assertTrue(run.err().contains("Try 'aami serve --help'"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void serveIsListedInTheTopLevelHelp() {
    Run run = aami("--help");

    assertEquals(ExitCode.OK, run.exitCode());
    assertTrue(run.out().contains("serve"), run.out());
  }

  @Test
  void helpExplainsTheOptionsAndExitCodes() {
    Run run = aami("serve", "--help");

    assertEquals(ExitCode.OK, run.exitCode());
    for (String expected :
        List.of(
            "--dir=DIR",
            "--bind=ADDRESS",
            "--port=N",
            "--tls-cert=PEM",
            "--tls-key=PEM",
            "--tls-self-signed",
            "--ca-out=FILE",
            "Exit codes:",
            "stopped by SIGTERM",
            "docs/PUBLISHING.md")) {
      assertTrue(run.out().contains(expected), () -> expected + " missing from\n" + run.out());
    }
  }

  @Test
  void aMissingDirOptionIsAUsageError() {
    assertUsageError(aami("serve", "--tls-self-signed"), "Missing required option: '--dir=DIR'");
  }

  @Test
  void aDirThatDoesNotExistIsAUsageError() {
    Path missing = dir.resolve("public");
    assertUsageError(
        aami("serve", "--dir", missing.toString(), "--tls-self-signed"),
        "--dir " + missing + ": no such directory");
  }

  @Test
  void aFileAsDirIsAUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertUsageError(
        aami("serve", "--dir", file.toString(), "--tls-self-signed"),
        "--dir " + file + ": not a directory");
  }

  @Test
  void servingNeedsAnExplicitTransport() throws Exception {
    assertUsageError(
        aami("serve", "--dir", site().toString()),
        "choose how to serve: --tls-cert PEM --tls-key PEM, --tls-self-signed, or (testing only)"
            + " --insecure-http");
  }

  @Test
  void conflictingTlsOptionsAreAUsageError() throws Exception {
    assertUsageError(
        aami("serve", "--dir", site().toString(), "--tls-self-signed", "--insecure-http"),
        "--tls-cert/--tls-key, --tls-self-signed and --insecure-http are mutually exclusive");
  }

  @Test
  void aCertificateWithoutItsKeyIsAUsageError() throws Exception {
    assertUsageError(
        aami("serve", "--dir", site().toString(), "--tls-cert", "cert.pem"),
        "--tls-cert and --tls-key must be given together");
  }

  @Test
  void caOutWithoutSelfSignedIsAUsageError() throws Exception {
    assertUsageError(
        aami("serve", "--dir", site().toString(), "--insecure-http", "--ca-out", "x.pem"),
        "--ca-out only applies to --tls-self-signed");
  }

  @Test
  void anOutOfRangePortIsAUsageError() throws Exception {
    assertUsageError(
        aami("serve", "--dir", site().toString(), "--tls-self-signed", "--port", "70000"),
        "--port must be between 0 and 65535, got 70000");
  }

  @Test
  void unreadableTlsMaterialExits3WithTheFileAndNoStackTrace() throws Exception {
    Path garbage = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");

    Run run =
        aami(
            "serve",
            "--dir",
            site().toString(),
            "--tls-cert",
            garbage.toString(),
            "--tls-key",
            garbage.toString(),
            "--port",
            "0");

    assertEquals(ExitCode.ERROR, run.exitCode(), run::err);
    assertEquals("", run.out());
    assertEquals(
        "aami: error: " + garbage + ": no '-----BEGIN CERTIFICATE-----' block found\n", run.err());
  }

  @Test
  void aPortInUseExits3() throws Exception {
    TestCertificates.Pair pair =
        TestCertificates.generate(dir, "server", TestCertificates.KeyType.EC);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run =
          aami(
              "serve",
              "--dir",
              site().toString(),
              "--tls-cert",
              pair.certificate().toString(),
              "--tls-key",
              pair.privateKey().toString(),
              "--port",
              Integer.toString(taken.getLocalPort()));

      assertEquals(ExitCode.ERROR, run.exitCode(), run::err);
      assertTrue(
          run.err()
              .startsWith("aami: error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
          run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  /**
   * The real process: URL on stdout, self-signed CA usable by clients, access log, SIGTERM stop.
   */
  @Test
  void aServeProcessPrintsItsUrlServesAndStopsGracefullyOnSigterm() throws Exception {
    Path site = site();
    Path ca = dir.resolve("ca.pem");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--dir",
                site.toString(),
                "--port",
                "0",
                "--tls-self-signed",
                "--ca-out",
                ca.toString()));
    Path stderrFile = dir.resolve("serve.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderrFile.toFile());
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = Processes.readLine(stdout);
      assertTrue(url != null && url.matches("https://127\\.0\\.0\\.1:\\d+/"), String.valueOf(url));

      HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(ca)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(url).resolve("/manifest.json")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("{\"files\":[]}\n", response.body());

      // kill(1) rather than Process.destroy(), which would also close our end of stdout.
      Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
      assertEquals(0, kill.waitFor());
      assertTrue(process.waitFor(Processes.SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      String stderr = Files.readString(stderrFile);

      assertEquals(143, process.exitValue(), stderr);
      assertEquals(null, stdout.readLine(), "nothing but the URL on stdout");
      assertTrue(stderr.contains("self-signed certificate written to " + ca), stderr);
      assertTrue(stderr.contains("\"GET /manifest.json HTTP/1.1\" 200 13 "), stderr);
      assertTrue(stderr.endsWith("aami serve: stopped\n"), stderr);
      assertFalse(stderr.contains("WARNING"), stderr);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void helpShowsTheLoopbackAndPortDefaults() {
    Run run = aami("serve", "--help");

    assertTrue(run.out().contains("(default: 127.0.0.1;"), run.out());
    assertTrue(run.out().contains("(default: 8443)"), run.out());
  }
}
