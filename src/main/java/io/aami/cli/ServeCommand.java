package io.aami.cli;

import io.aami.serve.ServeException;
import io.aami.serve.ServeRequest;
import io.aami.serve.SiteServer;
import io.aami.serve.TlsChoice;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Serve a rendered site (the --out of 'aami render') over HTTPS, for trying the whole loop on one"
          + " machine or for a small fleet.",
      "",
      "GET and HEAD only. API paths (/api/...) and extensionless files are application/json. Every"
          + " response carries a strong SHA-256 ETag and If-None-Match is answered with 304 Not"
          + " Modified. Unknown paths, traversal attempts (.., encoded dots or slashes, hidden files,"
          + " symlinks leaving DIR) get a JSON 404. One access log line per request goes to stderr.",
      "",
      "Slow or silent clients cannot stall it: the TLS handshake, the request head, a request body"
          + " and the response each have a deadline for the whole phase, request heads are limited to"
          + " 16 KiB, and at most 2048 connections are open at once (docs/PUBLISHING.md).",
      "",
      "Prints the bound URL on stdout and runs until interrupted (Ctrl-C or SIGTERM stop it gracefully)."
          + " For larger fleets publish the directory with nginx or object storage instead"
          + " (docs/PUBLISHING.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "2:usage error (missing DIR, conflicting TLS options)",
      "3:cannot start (bad TLS material, address in use, keytool failed)",
      "130:stopped by Ctrl-C (after a graceful stop)",
      "143:stopped by SIGTERM (after a graceful stop; under systemd add SuccessExitStatus=143)"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aami serve --dir public --tls-self-signed --ca-out ca.pem",
      "  agent/dynamic-check.sh --once --base-url https://127.0.0.1:8443 \\",
      "      --ca-file ca.pem --target-id web-01",
      "  aami serve --dir public --bind 0.0.0.0 --port 443 \\",
      "      --tls-cert fullchain.pem --tls-key privkey.pem"
    })
final class ServeCommand implements Callable<Integer> {
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Directory to serve, typically the output of 'aami render --out DIR'.")
  Path dir;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 or :: for all).")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "8443",
      paramLabel = "N",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "PEM certificate chain, leaf first (use with --tls-key).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "Unencrypted PKCS#8 PEM private key (RSA or EC) of the --tls-cert leaf.")
  Path tlsKey;

  @Option(
      names = "--tls-self-signed",
      description =
          "Generate a throwaway certificate for localhost, 127.0.0.1 and ::1 (and a specific"
              + " --bind address); its PEM is written to --ca-out for clients to trust.")
  boolean selfSigned;

  @Option(
      names = "--ca-out",
      paramLabel = "FILE",
      description =
          "Where --tls-self-signed writes the certificate PEM (default: a new temporary file;"
              + " the path is logged). Agents use it as AAMI_CA_FILE.")
  Path caOut;

  @Option(
      names = "--insecure-http",
      description =
          "Serve plain HTTP without TLS (testing, or behind a TLS-terminating proxy only).")
  boolean insecureHttp;

  @Override
  public Integer call() throws InterruptedException {
    ServeRequest request = toRequest();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SiteServer server;
    try {
      server =
          SiteServer.start(
              request,
              line -> {
                err.println(line);
                err.flush();
              });
    } catch (ServeException e) {
      err.println("aami: error: " + e.getMessage());
      err.flush();
      return ExitCode.ERROR;
    }
    out.println(server.url());
    out.flush();
    err.println(
        "aami serve: serving "
            + dir.toAbsolutePath().normalize()
            + " at "
            + server.url()
            + " (Ctrl-C or SIGTERM stops)");
    server
        .caCertificate()
        .ifPresent(
            ca ->
                err.println(
                    "aami serve: self-signed certificate written"
                        + " to "
                        + ca
                        + "; clients trust it with AAMI_CA_FILE="
                        + ca
                        + " or curl --cacert "
                        + ca));
    if (insecureHttp) {
      err.println(
          "aami serve: warning: plain HTTP, agents need --insecure-http; do not use on a network");
    }
    err.flush();

    Thread shutdown =
        new Thread(
            () -> {
              server.stop(STOP_GRACE);
              err.println("aami serve: stopped");
              err.flush();
            },
            "aami-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    server.awaitStop();
    // Reached only while the JVM is already exiting on the signal, whose status (130, 143) wins.
    return ExitCode.OK;
  }

  private ServeRequest toRequest() {
    if (!Files.isDirectory(dir)) {
      throw usage(
          "--dir " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
    }
    if (!Files.isReadable(dir)) {
      throw usage("--dir " + dir + ": not readable");
    }
    if (port < 0 || port > 65535) {
      throw usage("--port must be between 0 and 65535, got " + port);
    }
    int tlsChoices =
        (tlsCert != null || tlsKey != null ? 1 : 0) + (selfSigned ? 1 : 0) + (insecureHttp ? 1 : 0);
    if (tlsChoices == 0) {
      throw usage(
          "choose how to serve: --tls-cert PEM --tls-key PEM, --tls-self-signed,"
              + " or (testing only) --insecure-http");
    }
    if (tlsChoices > 1) {
      throw usage(
          "--tls-cert/--tls-key, --tls-self-signed and --insecure-http are mutually exclusive");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw usage("--tls-cert and --tls-key must be given together");
    }
    if (caOut != null && !selfSigned) {
      throw usage("--ca-out only applies to --tls-self-signed");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw usage("--bind " + bind + ": unknown address");
    }
    TlsChoice tls;
    if (selfSigned) {
      tls = new TlsChoice.SelfSigned(Optional.ofNullable(caOut));
    } else if (insecureHttp) {
      tls = new TlsChoice.PlainHttp();
    } else {
      tls = new TlsChoice.PemFiles(tlsCert, tlsKey);
    }
    return new ServeRequest(dir, address, port, tls);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
