package io.aami.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps a request's raw path to a regular file inside the site root, or to nothing. Everything that
 * could step outside the root is refused rather than normalised: dot segments, encoded dots and
 * slashes, backslashes, control characters, hidden names, and symlinks whose target lies outside
 * the root.
 */
final class SitePaths {
  static final String INDEX_FILE = "index.html";

  private final Path root;

  SitePaths(Path root) {
    this.root = root;
  }

  /** The file to serve for {@code rawPath} (the undecoded path of the request URI), if any. */
  Optional<Path> resolve(String rawPath) throws IOException {
    Optional<List<String>> segments = segments(rawPath);
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    // Resolved per request, so a site swapped in by replacing a symlink is picked up at once.
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (FileSystemException e) {
      return Optional.empty();
    }
    Path candidate = realRoot;
    for (String segment : segments.get()) {
      candidate = candidate.resolve(segment);
    }
    Optional<Path> real = insideRoot(candidate, realRoot);
    if (real.isPresent() && Files.isDirectory(real.get())) {
      real = insideRoot(real.get().resolve(INDEX_FILE), realRoot);
    } else if (rawPath.endsWith("/")) {
      return Optional
          .empty(); // a trailing slash names a directory: "target/db-01/" is not the file
    }
    return real.filter(Files::isRegularFile);
  }

  private static Optional<Path> insideRoot(Path candidate, Path realRoot) throws IOException {
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (FileSystemException e) {
      // Missing, unreadable or looping paths are all simply absent to a client.
      return Optional.empty();
    }
    return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
  }

  /** The decoded path segments, or empty when the path is not one this server will ever serve. */
  static Optional<List<String>> segments(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String lower = rawPath.toLowerCase(Locale.ROOT);
    // Encoded dots, slashes, backslashes and NULs have no business in a published file name.
    for (String forbidden : List.of("%2e", "%2f", "%5c", "%00")) {
      if (lower.contains(forbidden)) {
        return Optional.empty();
      }
    }
    Optional<String> decoded = percentDecode(rawPath);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    String path = decoded.get();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    List<String> segments = new ArrayList<>();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.isEmpty() && last) {
        continue; // a trailing slash asks for the directory's index
      }
      if (part.isEmpty() || part.startsWith(".")) {
        return Optional.empty(); // "//", ".", "..", and hidden files such as .git
      }
      segments.add(part);
    }
    return Optional.of(segments);
  }

  /** Strict percent-decoding: malformed escapes or invalid UTF-8 make the path unservable. */
  static Optional<String> percentDecode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int literalStart = 0;
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) != '%') {
        continue;
      }
      bytes.writeBytes(raw.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
      if (i + 2 >= raw.length()) {
        return Optional.empty();
      }
      int hi = Character.digit(raw.charAt(i + 1), 16);
      int lo = Character.digit(raw.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      bytes.write(hi * 16 + lo);
      i += 2;
      literalStart = i + 1;
    }
    bytes.writeBytes(raw.substring(literalStart).getBytes(StandardCharsets.UTF_8));
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
