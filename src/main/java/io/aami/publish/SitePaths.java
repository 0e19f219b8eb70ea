package io.aami.publish;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.render.RenderedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last line of defence before files reach the disk: every rendered path must be relative,
 * made of safe segments, and unique, and no file may sit where another needs a directory.
 * Validation catches the known causes (hostname clashes, reserved ids) with source locations;
 * this catches a renderer bug.
 */
final class SitePaths {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private SitePaths() {}

  static List<Diagnostic> check(List<RenderedFile> files) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Set<String> directories = new HashSet<>();
    for (RenderedFile f : files) {
      String path = f.path();
      if (!isSafe(path)) {
        problems.add(problem(path, "unsafe output path '" + path + "': every segment must match "
            + SEGMENT.pattern()));
        continue;
      }
      if (seen.merge(path, 1, Integer::sum) == 2) {
        problems.add(problem(path, "two rendered files share the path " + path));
      }
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        directories.add(path.substring(0, slash));
      }
    }
    for (String path : seen.keySet()) {
      if (directories.contains(path)) {
        problems.add(problem(path, path + " is both a rendered file and the directory of other files"));
      }
    }
    return problems;
  }

  private static boolean isSafe(String path) {
    if (path.isEmpty()) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Diagnostic problem(String path, String message) {
    return Diagnostic.error(SourceLocation.wholeFile(path), Code.RENDER_PATH, message);
  }
}
