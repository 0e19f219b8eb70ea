package io.aami.serve;

import java.nio.file.Path;
import java.util.Optional;

/** How the server secures its connections; there is no implicit plain-HTTP fallback. */
public sealed interface TlsChoice {

  /** A PEM certificate chain (leaf first) and its unencrypted PKCS#8 private key, RSA or EC. */
  record PemFiles(Path certificateChain, Path privateKey) implements TlsChoice {}

  /**
   * A certificate generated at start for localhost, 127.0.0.1 and ::1 (plus the bind address); its
   * PEM is written to {@code caCertificateOut}, or to a new temporary file when empty, for clients
   * to trust.
   */
  record SelfSigned(Optional<Path> caCertificateOut) implements TlsChoice {}

  /**
   * Unencrypted HTTP, only when explicitly requested (tests, or behind a TLS-terminating proxy).
   */
  record PlainHttp() implements TlsChoice {}
}
