package io.aami.importer;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a node_exporter textfile-collector script writes its metrics to a file instead of
 * printing them: a redirection to a {@code .prom} file or into {@code $TEXTFILE...}, a pipe into
 * {@code sponge}, a {@code mv} onto a {@code .prom} file, a Python {@code open(....prom, 'w')}. The
 * node agent reads a check's standard output and writes the textfile itself, so each is a located
 * warning with the fix. Comment lines are skipped. Linear in the script.
 */
public final class TextfileOutputs {
  private static final List<Pattern> WRITES =
      List.of(
          Pattern.compile(
              ">>?\\s*\"?(\\$\\{?[A-Za-z_]*(?i:textfile)[A-Za-z_]*\\}?[^\\s;|&\"]*|[^\\s;|&>\"]+\\.prom)\\b"),
          Pattern.compile("\\|\\s*sponge\\s+\"?([^\\s;|&\"]+)"),
          Pattern.compile("\\bmv\\s+(?:-\\S+\\s+)*\\S+\\s+\"?([^\\s;|&\"]*\\.prom)\\b"),
          Pattern.compile("\\bopen\\s*\\(\\s*[^,)]*?(['\"][^'\"]*\\.prom['\"])[^)]*['\"][wa]"));

  private TextfileOutputs() {}

  public static List<Diagnostic> find(String file, String script) {
    List<Diagnostic> found = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (Pattern pattern : WRITES) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          found.add(
              Diagnostic.warning(
                  new SourceLocation(file, i + 1, m.start() + 1),
                  Code.IMPORT_TEXTFILE_OUTPUT,
                  "the script writes its metrics to "
                      + m.group(1)
                      + " (the textfile-collector way); the node agent reads what a check prints and"
                      + " writes the textfile itself, so this file stays empty to aami: print the"
                      + " metrics to standard output instead (drop the redirection or the sponge, or"
                      + " cat the file at the end)"));
          break;
        }
      }
    }
    return found;
  }
}
