package io.aami.scaffold;

import io.aami.digest.Sha256;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The aami release a new fleet repository's CI runs: its version, where the jar is downloaded from
 * and the SHA-256 the download must have. The checksum is of the jar this process runs from,
 * computed now, because a jar cannot contain its own hash; {@code sha256} is empty only when aami
 * does not run from a jar (a build's classes directory), and CI then checks the download against
 * the release's {@code SHA256SUMS} instead (docs/INSTALL.md).
 */
public record JarPin(String version, String url, String sha256) {
  /** Where the release workflow publishes the jar of a version (.github/workflows/release.yml). */
  public static String releaseUrl(String version) {
    return "https://github.com/aami-io/aami/releases/download/v"
        + version
        + "/aami-"
        + version
        + ".jar";
  }

  /** The jar this class was loaded from, when it was loaded from a jar file. */
  public static Optional<Path> runningJar() {
    CodeSource source = JarPin.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Lowercase hex SHA-256 of the file's bytes, as {@code sha256sum} prints it. */
  public static String sha256Of(Path jar) throws IOException {
    return Sha256.hex(Files.readAllBytes(jar));
  }

  public boolean checksumPinned() {
    return !sha256.isEmpty();
  }
}
