package io.aami.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to serve and how. {@code port} 0 asks for an ephemeral port; the bound one is reported by
 * {@link SiteServer#url()}.
 */
public record ServeRequest(
    Path root, InetAddress bindAddress, int port, TlsChoice tls, ServeLimits limits) {
  public ServeRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public ServeRequest(Path root, InetAddress bindAddress, int port, TlsChoice tls) {
    this(root, bindAddress, port, tls, ServeLimits.DEFAULT);
  }
}
