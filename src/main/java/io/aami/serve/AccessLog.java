package io.aami.serve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line per request in the Common Log Format, plus the duration; never throws into a request.
 */
final class AccessLog {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int MAX_PATH_CHARS = 512;

  private final Consumer<String> sink;

  AccessLog(Consumer<String> sink) {
    this.sink = sink;
  }

  void record(
      String remoteAddress,
      Instant start,
      String method,
      String rawPath,
      String protocol,
      int status,
      long bytes,
      long millis) {
    String line =
        String.format(
            Locale.ROOT,
            "%s - - [%s] \"%s %s %s\" %d %d %dms",
            remoteAddress,
            TIME.format(start),
            printable(method),
            printable(rawPath),
            printable(protocol),
            status,
            bytes,
            millis);
    synchronized (this) {
      sink.accept(line);
    }
  }

  /**
   * One line for a connection that ended in an exception rather than after a request: the
   * exception's type and message, which may quote what the client sent, made printable.
   */
  void dropped(String remoteAddress, Instant at, Exception cause) {
    String line =
        String.format(
            Locale.ROOT,
            "%s - - [%s] connection dropped: %s%s",
            remoteAddress,
            TIME.format(at),
            cause.getClass().getSimpleName(),
            cause.getMessage() == null ? "" : ": " + printable(cause.getMessage()));
    synchronized (this) {
      sink.accept(line);
    }
  }

  /** Request data is attacker-controlled: no control characters and bounded length in the log. */
  static String printable(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_PATH_CHARS));
    for (int i = 0; i < text.length() && i < MAX_PATH_CHARS; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
    }
    if (text.length() > MAX_PATH_CHARS) {
      sb.append("...");
    }
    return sb.toString();
  }
}
