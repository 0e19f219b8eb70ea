package io.aami.serve;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may cost the server: every phase of a connection has a deadline for the whole
 * phase (not per read, so a client trickling one byte at a time is still cut off), the request head
 * is bounded in bytes, a connection serves a bounded number of requests, and the number of open
 * connections is capped. A client past any bound is disconnected; the others never wait for it.
 */
public record ServeLimits(
    Duration handshakeTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration responseTimeout,
    Duration idleTimeout,
    int maxHeaderBytes,
    int maxBodyBytes,
    int maxRequestsPerConnection,
    int maxConnections) {

  /** Generous for agents on slow links, small enough that idle sockets cannot pile up for long. */
  public static final ServeLimits DEFAULT =
      new ServeLimits(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(15),
          16 * 1024,
          64 * 1024,
          1000,
          2048);

  public ServeLimits {
    for (Duration timeout :
        new Duration[] {
          handshakeTimeout, headerTimeout, bodyTimeout, responseTimeout, idleTimeout
        }) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive: " + timeout);
      }
    }
    if (maxHeaderBytes < 256
        || maxBodyBytes < 0
        || maxRequestsPerConnection < 1
        || maxConnections < 1) {
      throw new IllegalArgumentException("limits out of range");
    }
  }
}
