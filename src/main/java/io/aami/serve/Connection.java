package io.aami.serve;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One client connection on its own thread: TLS handshake, then up to {@link
 * ServeLimits#maxRequestsPerConnection()} requests, each phase under a {@link Watchdog} deadline on
 * the raw socket. Whatever the client does, the thread is free again within the sum of the
 * deadlines of the phases it reached.
 */
final class Connection implements Runnable {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Socket raw;
  private final Optional<SSLContext> tls;
  private final ServeLimits limits;
  private final Watchdog watchdog;
  private final SiteHandler handler;
  private final AccessLog accessLog;
  private final Runnable onClose;
  private volatile boolean betweenRequests = true;

  Connection(
      Socket raw,
      Optional<SSLContext> tls,
      ServeLimits limits,
      Watchdog watchdog,
      SiteHandler handler,
      AccessLog accessLog,
      Runnable onClose) {
    this.raw = raw;
    this.tls = tls;
    this.limits = limits;
    this.watchdog = watchdog;
    this.handler = handler;
    this.accessLog = accessLog;
    this.onClose = onClose;
  }

  /** Closes the connection now if it is waiting for a request rather than serving one. */
  void closeIfIdle() {
    if (betweenRequests) {
      Watchdog.closeQuietly(raw);
    }
  }

  void close() {
    Watchdog.closeQuietly(raw);
  }

  @Override
  public void run() {
    try {
      Socket socket = raw;
      if (tls.isPresent()) {
        try (Watchdog.Alarm alarm = watchdog.arm(raw, limits.handshakeTimeout())) {
          socket = handshake(tls.get());
        }
      }
      serve(
          new BufferedInputStream(socket.getInputStream()),
          new BufferedOutputStream(socket.getOutputStream()));
    } catch (IOException | RuntimeException e) {
      // A client that resets, stalls past a deadline or speaks garbage TLS only loses its own
      // socket; the log says which and why, so that an operator can tell clients from bugs.
      accessLog.dropped(remoteAddress(), Instant.now(), e);
    } finally {
      Watchdog.closeQuietly(raw);
      onClose.run();
    }
  }

  private SSLSocket handshake(SSLContext context) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
    socket.setUseClientMode(false);
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    socket.setSSLParameters(parameters);
    // Should renegotiation get through anyway (the property of SiteServer set too late, another
    // JDK), a second handshake ends the connection.
    AtomicInteger handshakes = new AtomicInteger();
    socket.addHandshakeCompletedListener(
        done -> {
          if (handshakes.incrementAndGet() > 1) {
            Watchdog.closeQuietly(raw);
          }
        });
    socket.startHandshake();
    return socket;
  }

  private void serve(InputStream in, OutputStream out) throws IOException {
    RequestHeadReader reader = new RequestHeadReader(in, limits.maxHeaderBytes());
    for (int served = 1; served <= limits.maxRequestsPerConnection(); served++) {
      Optional<RequestHead> head;
      Instant start;
      long startNanos;
      betweenRequests = true;
      try (Watchdog.Alarm alarm =
          watchdog.arm(raw, served == 1 ? limits.headerTimeout() : limits.idleTimeout())) {
        in.mark(1);
        if (in.read() < 0) {
          return;
        }
        in.reset();
        betweenRequests = false;
        start = Instant.now();
        startNanos = System.nanoTime();
        try (Watchdog.Alarm headAlarm = watchdog.arm(raw, limits.headerTimeout())) {
          head = reader.read();
        }
      } catch (BadRequest e) {
        reply(out, SiteHandler.error(e.status(), e.getMessage()), false);
        accessLog.record(remoteAddress(), Instant.now(), "-", "-", "-", e.status(), 0, 0);
        return;
      }
      if (head.isEmpty()) {
        return;
      }
      boolean keepAlive = head.get().wantsKeepAlive() && served < limits.maxRequestsPerConnection();
      Reply reply;
      try {
        keepAlive &= discardBody(in, head.get());
        reply = handler.handle(head.get());
      } catch (BadRequest e) {
        keepAlive = false;
        reply = SiteHandler.error(e.status(), e.getMessage());
      }
      try (Watchdog.Alarm alarm = watchdog.arm(raw, limits.responseTimeout())) {
        reply(out, reply, keepAlive);
      } finally {
        // Logged after the response is flushed but before the connection closes, so a client
        // that has its answer can already find the line.
        accessLog.record(
            remoteAddress(),
            start,
            head.get().method(),
            head.get().rawPath(),
            head.get().protocol(),
            reply.status(),
            reply.body().length,
            (System.nanoTime() - startNanos) / 1_000_000);
      }
      if (!keepAlive) {
        return;
      }
    }
  }

  /**
   * Reads and drops a request body (this server never uses one) so the connection can carry the
   * next request; false when the connection must close after the reply instead.
   */
  private boolean discardBody(InputStream in, RequestHead head) throws IOException, BadRequest {
    if (!head.header("Transfer-Encoding").isEmpty()) {
      throw new BadRequest(501, "request bodies with Transfer-Encoding are not supported");
    }
    List<String> lengths = head.header("Content-Length");
    if (lengths.isEmpty()) {
      return true;
    }
    long length = contentLength(lengths);
    if (length > limits.maxBodyBytes()) {
      throw new BadRequest(413, "request body too large");
    }
    try (Watchdog.Alarm alarm = watchdog.arm(raw, limits.bodyTimeout())) {
      in.skipNBytes(length);
    }
    return true;
  }

  private static long contentLength(List<String> values) throws BadRequest {
    String first = null;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String trimmed = part.trim();
        if (!trimmed.matches("[0-9]{1,18}") || (first != null && !first.equals(trimmed))) {
          throw new BadRequest(400, "invalid Content-Length");
        }
        first = trimmed;
      }
    }
    return Long.parseLong(first);
  }

  private static void reply(OutputStream out, Reply reply, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(reply.status())
        .append(' ')
        .append(reason(reply.status()))
        .append("\r\n");
    head.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    if (reply.announcedLength() >= 0) {
      head.append("Content-Length: ").append(reply.announcedLength()).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(reply.body());
    out.flush();
  }

  private String remoteAddress() {
    InetAddress address = raw.getInetAddress();
    return address == null ? "-" : address.getHostAddress();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 505 -> "HTTP Version Not Supported";
      default -> "Internal Server Error";
    };
  }
}
