package io.aami.suppress;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code # aami-disable} comments of one file and the node each one covers. A comment
 * covers the node that starts on the next line that is neither blank nor a comment: a YAML document
 * (the comment after {@code ---}, before the document's first key), a mapping entry (the key and
 * its whole value), or a list item. Where several start on that line the outermost wins. A comment
 * line inside a block scalar (a script's own {@code #} lines) is text, not a comment, and is
 * ignored. Cost: one parse of the file, one walk of its nodes, one pass over its lines; files
 * without the marker are not parsed again.
 */
public final class SuppressionComments {
  public static final String MARKER = "aami-disable";
  private static final Pattern COMMENT = Pattern.compile("^([ \\t]*)#[ \\t]*aami-disable\\b(.*)$");
  private static final Pattern BODY =
      Pattern.compile(
          "[ \\t]+([^ \\t]+(?:[ \\t]*,[ \\t]*[^ \\t,]+)*)[ \\t]*(?:--[ \\t]*(.*?))?[ \\t]*");

  /** The comments found, and problems with comments that could not be understood. */
  public record Found(List<Suppression> suppressions, List<Diagnostic> problems) {
    public Found {
      suppressions = List.copyOf(suppressions);
      problems = List.copyOf(problems);
    }
  }

  private SuppressionComments() {}

  public static Found in(String file, String text) {
    if (!text.contains(MARKER)) {
      return new Found(List.of(), List.of());
    }
    String[] lines = text.split("\n", -1);
    int[] lineStarts = lineStarts(lines);
    ParsedYaml parsed = YamlReader.read(file, text.getBytes(StandardCharsets.UTF_8));
    Map<Integer, int[]> startingOnLine = new HashMap<>();
    List<int[]> scalarSpans = new ArrayList<>();
    for (YNode document : parsed.documents()) {
      collect(document, true, startingOnLine, scalarSpans, lineStarts);
    }
    List<Suppression> suppressions = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher comment = COMMENT.matcher(stripCr(lines[i]));
      if (!comment.matches() || insideScalar(scalarSpans, lineStarts[i])) {
        continue;
      }
      SourceLocation at = new SourceLocation(file, i + 1, comment.group(1).length() + 1);
      Matcher body = BODY.matcher(comment.group(2));
      if (!body.matches()) {
        problems.add(
            Diagnostic.warning(
                at,
                Code.SUPPRESS_INVALID,
                "write '# "
                    + MARKER
                    + " CODE[,CODE...] [-- reason]', e.g. '# "
                    + MARKER
                    + " alert/no-condition -- heartbeat alert, fires on purpose'"));
        continue;
      }
      List<String> codes = Arrays.stream(body.group(1).split(",")).map(String::strip).toList();
      List<String> invalid = codes.stream().filter(c -> !CodePattern.valid(c)).toList();
      if (!invalid.isEmpty()) {
        problems.add(
            Diagnostic.warning(
                at,
                Code.SUPPRESS_INVALID,
                "'"
                    + String.join("', '", invalid)
                    + "' is not a diagnostic code such as alert/no-condition or live/*"));
        continue;
      }
      int target = nextContentLine(lines, i + 1);
      int[] node = target < 0 ? null : startingOnLine.get(target + 1);
      if (node == null) {
        problems.add(
            Diagnostic.warning(
                at,
                Code.SUPPRESS_INVALID,
                "'# "
                    + MARKER
                    + "' must come"
                    + " directly before a document, a mapping key or a list item; it silences nothing here"));
        continue;
      }
      int lastLine = lineOf(lineStarts, Math.max(node[0], node[1] - 1));
      String reason = body.group(2) == null ? "" : body.group(2);
      suppressions.add(new Suppression(at, codes, reason, target + 1, lastLine));
    }
    return new Found(suppressions, problems);
  }

  /**
   * Records, per line, the outermost node starting there: documents, mapping entries (from their
   * key) and list items; and the spans of multi-line scalars.
   */
  private static void collect(
      YNode node,
      boolean document,
      Map<Integer, int[]> startingOnLine,
      List<int[]> scalarSpans,
      int[] lineStarts) {
    if (document) {
      startingOnLine.putIfAbsent(node.location().line(), span(node));
    }
    if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        startingOnLine.putIfAbsent(
            e.key().location().line(), new int[] {e.key().startOffset(), e.value().endOffset()});
        collect(e.value(), false, startingOnLine, scalarSpans, lineStarts);
      }
    } else if (node instanceof YSeq seq) {
      for (YNode item : seq.items()) {
        startingOnLine.putIfAbsent(item.location().line(), span(item));
        collect(item, false, startingOnLine, scalarSpans, lineStarts);
      }
    } else if (node instanceof YScalar s
        && lineOf(lineStarts, s.startOffset())
            != lineOf(lineStarts, Math.max(s.startOffset(), s.endOffset() - 1))) {
      scalarSpans.add(new int[] {s.startOffset(), s.endOffset()});
    }
  }

  private static int[] span(YNode node) {
    return new int[] {node.startOffset(), node.endOffset()};
  }

  /** {@code spans} are in file order and do not overlap, as the walk collects them. */
  private static boolean insideScalar(List<int[]> spans, int offset) {
    int low = 0;
    int high = spans.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int[] span = spans.get(mid);
      if (offset <= span[0]) {
        high = mid - 1;
      } else if (offset >= span[1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private static int nextContentLine(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      String line = stripCr(lines[i]).strip();
      if (!line.isEmpty() && !line.startsWith("#") && !line.equals("---")) {
        return i;
      }
    }
    return -1;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static int[] lineStarts(String[] lines) {
    int[] starts = new int[lines.length];
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      starts[i] = offset;
      offset += lines[i].length() + 1;
    }
    return starts;
  }

  /** 1-based line of a character offset. */
  private static int lineOf(int[] lineStarts, int offset) {
    int index = Arrays.binarySearch(lineStarts, offset);
    return (index >= 0 ? index : -index - 2) + 1;
  }
}
