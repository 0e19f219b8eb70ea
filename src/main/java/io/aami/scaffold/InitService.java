package io.aami.scaffold;

import io.aami.git.GitCommits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code aami init}: writes the {@link Scaffold} into a directory, then makes it a git repository
 * with one commit of exactly those files. A non-empty directory is left alone unless forced; when
 * forced, files of the same name are replaced and every other file is kept (and not committed); a
 * symbolic link where it writes is refused ({@link ScaffoldWriter}).
 */
public final class InitService {
  private InitService() {}

  public record Request(Path dir, boolean force, JarPin pin) {}

  public sealed interface Outcome {}

  /** The directory holds files and --force was not given. */
  public record NotEmpty(Path dir) implements Outcome {}

  public record Created(Path dir, List<String> files, String commit, boolean newGitRepository)
      implements Outcome {}

  public static Outcome init(Request request) throws IOException {
    Path dir = request.dir().toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory");
    }
    if (!request.force() && Files.isDirectory(dir) && !isEmpty(dir)) {
      return new NotEmpty(dir);
    }
    List<Scaffold.File> files = Scaffold.files(request.pin());
    ScaffoldWriter.write(dir, files);
    List<String> paths = files.stream().map(Scaffold.File::path).toList();
    boolean fresh = !Files.exists(dir.resolve(".git"));
    String commit = GitCommits.commitFiles(dir, paths, "aami init: a new fleet repository");
    return new Created(dir, paths, commit, fresh);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
