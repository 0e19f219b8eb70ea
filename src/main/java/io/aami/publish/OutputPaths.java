package io.aami.publish;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The last line of defence before files reach the disk: every rendered path must be relative, made
 * of safe segments, and unique, and no file may sit where another needs a directory. Validation
 * catches the known causes (hostname clashes, reserved ids) with source locations; this catches a
 * renderer bug. Paths are checked as they stream past, so that a refused one is never written, and
 * problems are reported together at the end.
 */
final class OutputPaths {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** File name limit of common file systems; segments are ASCII (SEGMENT), so chars are bytes. */
  private static final int MAX_NAME_CHARS = 255;

  private final Set<String> files = new HashSet<>();
  // Directories already found safe: a fleet's 100,000 paths share a handful, checked once each.
  private final Set<String> directories = new HashSet<>();
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Set<String> fileAndDirectory = new TreeSet<>();

  /** Whether {@code path} may be written; if not, the reason is among {@link #problems}. */
  boolean accept(String path) {
    int slash = path.lastIndexOf('/');
    String directory = slash < 0 ? "" : path.substring(0, slash);
    boolean safeDirectory =
        directory.isEmpty() || directories.contains(directory) || isSafe(directory);
    String name = path.substring(slash + 1);
    if (!safeDirectory || !SEGMENT.matcher(name).matches() || name.length() > MAX_NAME_CHARS) {
      problems.add(
          problem(
              path,
              "unsafe output path '"
                  + path
                  + "': every segment must match "
                  + SEGMENT.pattern()
                  + " and have at most "
                  + MAX_NAME_CHARS
                  + " characters"));
      return false;
    }
    if (directories.contains(path)) {
      fileAndDirectory.add(path);
      return false;
    }
    for (String ancestor = directory; !ancestor.isEmpty(); ancestor = parentOf(ancestor)) {
      if (files.contains(ancestor)) {
        fileAndDirectory.add(ancestor);
        return false;
      }
    }
    if (!files.add(path)) {
      problems.add(problem(path, "two rendered files share the path " + path));
      return false;
    }
    String ancestor = directory;
    while (!ancestor.isEmpty() && directories.add(ancestor)) {
      ancestor = parentOf(ancestor);
    }
    return true;
  }

  boolean contains(String path) {
    return files.contains(path);
  }

  List<Diagnostic> problems() {
    List<Diagnostic> all = new ArrayList<>(problems);
    for (String path : fileAndDirectory) {
      all.add(problem(path, path + " is both a rendered file and the directory of other files"));
    }
    return all;
  }

  private static String parentOf(String directory) {
    int slash = directory.lastIndexOf('/');
    return slash < 0 ? "" : directory.substring(0, slash);
  }

  private static boolean isSafe(String path) {
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.length() > MAX_NAME_CHARS) {
        return false;
      }
    }
    return true;
  }

  private static Diagnostic problem(String path, String message) {
    return Diagnostic.error(SourceLocation.wholeFile(path), Code.RENDER_PATH, message);
  }
}
