package io.aami.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A small static HTTPS server for a rendered site. Meant for development and small fleets; see
 * docs/PUBLISHING.md for when to use nginx instead.
 *
 * <p>One thread accepts and does nothing else: TLS handshakes and request parsing happen on the
 * connection's own thread under the deadlines of {@link ServeLimits}, so a client that goes silent
 * mid-handshake, mid-header or mid-body holds only its own thread, and only until its deadline.
 * Connections beyond {@link ServeLimits#maxConnections()} are closed on accept.
 */
public final class SiteServer {
  private final ServerSocket listener;
  private final Thread acceptor;
  private final ExecutorService connections;
  private final Watchdog watchdog;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final URI url;
  private final Optional<Path> caCertificate;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  static {
    // TLS 1.2 lets a client ask for a new handshake at any time, each costing the server a
    // private-key operation; the JDK refuses that only with this property, which it reads once,
    // before the first server handshake of the process. (TLS 1.3 has no renegotiation.)
    System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
  }

  private SiteServer(
      ServerSocket listener,
      Optional<SSLContext> tls,
      ServeLimits limits,
      SiteHandler handler,
      AccessLog accessLog,
      URI url,
      Optional<Path> caCertificate) {
    this.listener = listener;
    this.url = url;
    this.caCertificate = caCertificate;
    this.watchdog = new Watchdog();
    this.connections = Executors.newCachedThreadPool(threads("aami-serve-connection-"));
    Semaphore slots = new Semaphore(limits.maxConnections());
    this.acceptor =
        threads("aami-serve-accept-")
            .newThread(
                () -> {
                  while (!listener.isClosed()) {
                    Socket socket;
                    try {
                      socket = listener.accept();
                    } catch (IOException e) {
                      // Closed by stop(), a connection reset before it was accepted, or out of
                      // descriptors:
                      // back off briefly instead of spinning.
                      pause();
                      continue;
                    }
                    if (!slots.tryAcquire()) {
                      Watchdog.closeQuietly(socket);
                      continue;
                    }
                    Connection[] self = new Connection[1];
                    self[0] =
                        new Connection(
                            socket,
                            tls,
                            limits,
                            watchdog,
                            handler,
                            accessLog,
                            () -> {
                              open.remove(self[0]);
                              slots.release();
                            });
                    open.add(self[0]);
                    try {
                      connections.execute(self[0]);
                    } catch (RejectedExecutionException e) {
                      self[0].close();
                      open.remove(self[0]);
                      slots.release();
                    }
                  }
                });
  }

  /**
   * Starts serving {@code request.root()}; every request is reported as one line to {@code
   * accessLog}. Fails with a message naming the file, address or tool at fault.
   */
  public static SiteServer start(ServeRequest request, Consumer<String> accessLog)
      throws ServeException {
    if (!Files.isDirectory(request.root())) {
      throw new ServeException(request.root() + ": not a directory");
    }
    Optional<SSLContext> tls = Optional.empty();
    Optional<Path> caCertificate = Optional.empty();
    // Java 17 has no pattern switch yet; the sealed interface keeps this chain exhaustive by
    // review.
    if (request.tls() instanceof TlsChoice.PemFiles pem) {
      tls = Optional.of(sslContext(PemFiles.load(pem.certificateChain(), pem.privateKey())));
    } else if (request.tls() instanceof TlsChoice.SelfSigned selfSigned) {
      KeyMaterial material = SelfSignedCertificate.generate(request.bindAddress());
      caCertificate = Optional.of(writeCertificate(material, selfSigned.caCertificateOut()));
      tls = Optional.of(sslContext(material));
    }

    InetSocketAddress address = new InetSocketAddress(request.bindAddress(), request.port());
    ServerSocket listener;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(address, 1024);
    } catch (BindException e) {
      throw new ServeException("cannot listen on " + hostPort(address) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ServeException(
          "cannot listen on " + hostPort(address) + ": " + IoErrors.describe(e), e);
    }
    InetSocketAddress bound = (InetSocketAddress) listener.getLocalSocketAddress();
    URI url = URI.create((tls.isPresent() ? "https" : "http") + "://" + hostPort(bound) + "/");
    SiteServer server =
        new SiteServer(
            listener,
            tls,
            request.limits(),
            new SiteHandler(new SitePaths(request.root())),
            new AccessLog(accessLog),
            url,
            caCertificate);
    server.acceptor.start();
    return server;
  }

  /** The connections accepted and not yet closed: what a test waits for instead of a clock. */
  int openConnections() {
    return open.size();
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
   * Stops accepting connections, lets running requests finish for up to {@code grace}, then
   * releases {@link #awaitStop()}. Safe to call more than once and from a shutdown hook.
   */
  public void stop(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      awaitStopUninterruptibly();
      return;
    }
    try {
      Watchdog.closeQuietly(listener);
      acceptor.join();
      open.forEach(Connection::closeIfIdle);
      long deadline = System.nanoTime() + grace.toNanos();
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.forEach(Connection::close);
      connections.shutdownNow();
      watchdog.close();
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

  private static Path writeCertificate(KeyMaterial material, Optional<Path> target)
      throws ServeException {
    Path file = null;
    try {
      file =
          target.isPresent()
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
      throw new ServeException(
          (file == null ? "temporary CA file" : file.toString())
              + ": cannot write the certificate: "
              + IoErrors.describe(e),
          e);
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

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Daemon threads with small stacks: hundreds of them mostly wait in a socket read. */
  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(null, runnable, prefix + count.incrementAndGet(), 256 * 1024);
      thread.setDaemon(true);
      return thread;
    };
  }
}
