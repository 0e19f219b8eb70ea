package io.aami.cli;

import io.aami.importer.RuleImportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files named on an import command line: files, directories (their YAML files), or stdin. */
final class ImportSources {
  private ImportSources() {}

  /** Stdin is read from here: tests replace it. */
  static InputStream stdin = System.in;

  static List<RuleImportRequest.Source> read(List<String> paths, String... extensions)
      throws IOException {
    List<RuleImportRequest.Source> sources = new ArrayList<>();
    for (String name : paths) {
      if (name.equals("-")) {
        sources.add(new RuleImportRequest.Source("-", stdin.readAllBytes()));
        continue;
      }
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.walk(path)) {
          for (Path file :
              files
                  .filter(Files::isRegularFile)
                  .filter(f -> matches(f, extensions))
                  .sorted()
                  .toList()) {
            sources.add(new RuleImportRequest.Source(file.toString(), Files.readAllBytes(file)));
          }
        }
      } else if (Files.isRegularFile(path)) {
        sources.add(new RuleImportRequest.Source(name, Files.readAllBytes(path)));
      } else {
        throw new java.nio.file.NoSuchFileException(name, null, "no such file or directory");
      }
    }
    return sources;
  }

  private static boolean matches(Path file, String... extensions) {
    String name = file.getFileName().toString();
    for (String extension : extensions) {
      if (name.endsWith(extension)) {
        return true;
      }
    }
    return extensions.length == 0;
  }
}
