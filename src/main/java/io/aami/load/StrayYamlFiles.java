package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * YAML files that declare an aami document but lie where aami never reads (a typo'd directory such
 * as {@code policy/}, a file at the root): reported so that they are not silently ignored. Only the
 * repository root and the directories directly under it are looked at, hidden directories and the
 * ones aami owns or builds into skipped, and only the first 4 KiB of a file is read, so the cost
 * does not grow with a checkout's other content. Work trees only: a pull request is a work tree.
 */
public final class StrayYamlFiles {
  static final int MAX_DEPTH = 2;
  static final int HEAD_BYTES = 4096;
  private static final Set<String> SKIPPED =
      Set.of("schemas", "target", "node_modules", "src", "public");

  private StrayYamlFiles() {}

  public static List<Diagnostic> find(RepositorySource source) throws IOException {
    if (!(source instanceof WorkTreeSource workTree)) {
      return List.of();
    }
    Path root = workTree.root();
    List<Diagnostic> found = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root, MAX_DEPTH)) {
      for (Path file : paths.filter(p -> !p.equals(root)).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
        if (!top.isEmpty()
            && (top.startsWith(".")
                || SKIPPED.contains(top)
                || RepositoryLoader.CONTENT_DIRECTORIES.contains(top))) {
          continue;
        }
        if (relative.equals("aami.yaml")
            || !(relative.endsWith(".yaml") || relative.endsWith(".yml"))
            || !Files.isRegularFile(file)
            || !declaresAamiDocument(file)) {
          continue;
        }
        found.add(
            Diagnostic.warning(
                new SourceLocation(relative, 1, 1),
                Code.STRAY_FILE,
                relative
                    + " holds an aami document (apiVersion: aami/...), but aami reads only "
                    + String.join("/, ", RepositoryLoader.CONTENT_DIRECTORIES)
                    + "/ and aami.yaml, so"
                    + " it is ignored; move it into the directory of its kind"));
      }
    }
    return found;
  }

  private static boolean declaresAamiDocument(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
      return head.contains("apiVersion: aami/")
          || head.contains("apiVersion: \"aami/")
          || head.contains("apiVersion: 'aami/");
    } catch (IOException unreadable) {
      return false;
    }
  }
}
