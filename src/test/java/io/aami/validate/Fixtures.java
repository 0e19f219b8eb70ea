package io.aami.validate;

import io.aami.diag.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** File helpers shared by the validation tests. */
final class Fixtures {
  private Fixtures() {}

  static Path projectDir() {
    return Path.of(System.getProperty("aami.projectDir", ".")).toAbsolutePath().normalize();
  }

  /** One line per diagnostic, as expected.txt holds them. */
  static String render(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append(d.file())
          .append(':')
          .append(d.line())
          .append(':')
          .append(d.column())
          .append(": ")
          .append(d.severity().label())
          .append('[')
          .append(d.code())
          .append("]: ")
          .append(d.message())
          .append('\n');
    }
    return sb.toString();
  }

  static void copyTree(Path from, Path to, String skippedTopLevelFile) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted().toList()) {
        Path relative = from.relativize(source);
        if (relative.toString().equals(skippedTopLevelFile)) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /** Strings (as UTF-8) and raw byte values, concatenated. */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }
}
