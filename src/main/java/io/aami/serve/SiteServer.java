package io.aami.serve;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A small static HTTPS server for a rendered site, built on the JDK's {@code com.sun.net.httpserver}.
 * Meant for development and small fleets; see docs/PUBLISHING.md for when to use nginx instead.
 */
public final class SiteServer {
  private static final int WORKER_THREADS = 8;

  private final HttpServer server;
  private final ExecutorService workers;
  private final URI url;
  private final Optional<Path> caCertificate;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private SiteServer(HttpServer server, ExecutorService workers, URI url, Optional<Path> caCertificate) {
    this.server = server;
    this.workers = workers;
    this.url = url;
    this.caCertificate = caCertificate;
  }

  /**
   * Starts serving {@code request.root()}; every request is reported as one line to {@code accessLog}.
   * Fails with a message naming the file, address or tool at fault.
   */
  public static SiteServer start(ServeRequest request, Consumer<String> accessLog) throws ServeException {
    if (!Files.isDirectory(request.root())) {
      throw new ServeException(request.root() + ": not a directory");
    }
    Optional<SSLContext> tls = Optional.empty();
    Optional<Path> caCertificate = Optional.empty();
    // Java 17 has no pattern switch yet; the sealed interface keeps this chain exhaustive by review.
    if (request.tls() instanceof TlsChoice.PemFiles pem) {
      tls = Optional.of(sslContext(PemFiles.load(pem.certificateChain(), pem.privateKey())));
    } else if (request.tls() instanceof TlsChoice.SelfSigned selfSigned) {
      KeyMaterial material = SelfSignedCertificate.generate(request.bindAddress());
      caCertificate = Optional.of(writeCertificate(material, selfSigned.caCertificateOut()));
      tls = Optional.of(sslContext(material));
    }

    InetSocketAddress address = new InetSocketAddress(request.bindAddress(), request.port());
    HttpServer server;
    try {
      if (tls.isPresent()) {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(modernTls(tls.get()));
        server = https;
      } else {
        server = HttpServer.create(address, 0);
      }
    } catch (BindException e) {
      throw new ServeException("cannot listen on " + hostPort(address) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ServeException("cannot listen on " + hostPort(address) + ": " + IoErrors.describe(e), e);
    }
    ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
    server.setExecutor(workers);
    server.createContext("/", new SiteHandler(new SitePaths(request.root()), new AccessLog(accessLog)));
    server.start();

    InetSocketAddress bound = server.getAddress();
    URI url = URI.create((tls.isPresent() ? "https" : "http") + "://" + hostPort(bound) + "/");
    return new SiteServer(server, workers, url, caCertificate);
  }

  /** The base URL actually bound, e.g. {@code https://127.0.0.1:41234/}. */
  public URI url() {
    return url;
  }

  /** Where the self-signed certificate was written, for clients to trust; empty otherwise. */
  public Optional<Path> caCertificate() {
    return caCertificate;
  }

  /**
   * Stops accepting connections, lets running requests finish for up to {@code grace}, then releases
   * {@link #awaitStop()}. Safe to call more than once and from a shutdown hook.
   */
  public void stop(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      awaitStopUninterruptibly();
      return;
    }
    try {
      server.stop((int) Math.min(Integer.MAX_VALUE, Math.max(0, grace.toSeconds())));
      workers.shutdown();
      workers.awaitTermination(Math.max(1, grace.toSeconds()), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
      stopped.countDown();
    }
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void awaitStopUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static SSLContext sslContext(KeyMaterial material) throws ServeException {
    try {
      return material.sslContext();
    } catch (GeneralSecurityException e) {
      throw new ServeException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static HttpsConfigurator modernTls(SSLContext context) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        params.setSSLParameters(parameters);
      }
    };
  }

  private static Path writeCertificate(KeyMaterial material, Optional<Path> target)
      throws ServeException {
    Path file = null;
    try {
      file = target.isPresent()
          ? target.get().toAbsolutePath()
          : Files.createTempFile("aami-serve-ca-", ".pem").toAbsolutePath();
      Path parent = file.getParent();
      Path temp = Files.createTempFile(parent, ".aami-serve-ca-", ".tmp");
      // A certificate is public, and agents read it as their own user (aami-agent), not as the one
      // running aami serve; createTempFile would leave it 0600.
      if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.writeString(temp, material.leafPem(), StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new ServeException((file == null ? "temporary CA file" : file.toString())
          + ": cannot write the certificate: " + IoErrors.describe(e), e);
    } catch (GeneralSecurityException e) {
      throw new ServeException("cannot encode the certificate: " + e.getMessage(), e);
    }
  }

  private static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      int scope = host.indexOf('%');
      host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
    }
    return host + ":" + address.getPort();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "aami-serve-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
