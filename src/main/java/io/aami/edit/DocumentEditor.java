package io.aami.edit;

import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes one document of a YAML file by replacing only the characters of the values that differ.
 * The new value is compared with the located tree node by node: equal subtrees are not touched, a
 * block mapping gains, loses or changes single entries, a sequence of the same length (or a block
 * one that loses one item) and a flow mapping with the same keys change single values, and anything
 * else is rewritten in the style it had (block stays block at its indentation, flow stays flow, a
 * quoted or literal scalar keeps its quoting). Comments, key order, blank lines and the other
 * documents keep their bytes.
 *
 * <p>Every result is parsed again and compared with the intended values before it is returned, so
 * an edit that would change anything else is an internal error rather than a corrupted file. Cost:
 * linear in the size of the file.
 */
public final class DocumentEditor {
  private final SourceText src;
  private final List<TextEdit> edits = new ArrayList<>();

  private DocumentEditor(String text) {
    this.src = new SourceText(text);
  }

  /** A new file: {@code header} (comment lines), then {@code value} as one block-style document. */
  public static String newFile(String file, String header, Map<?, ?> value) {
    Object wanted = PlainValues.normalize(value);
    String text = header + YamlStyle.blockEntries((Map<?, ?>) wanted, 0, "\n");
    List<Object> expected = new ArrayList<>();
    expected.add(wanted);
    verify(file, text, expected);
    return text;
  }

  /** The text of {@code parsed} with document {@code index} holding {@code value} instead. */
  public static String replace(ParsedYaml parsed, int index, Object value) {
    Object wanted = PlainValues.normalize(value);
    DocumentEditor editor = new DocumentEditor(parsed.text());
    editor.reconcile(parsed.documents().get(index), wanted, Slot.ROOT);
    String result = TextEdit.applyAll(parsed.text(), editor.edits);
    List<Object> expected = plainDocuments(parsed);
    expected.set(index, wanted);
    verify(parsed.file(), result, expected);
    return result;
  }

  /**
   * The text of {@code parsed} without document {@code index}, or null when it was the only one
   * (the file goes). Comments above the file's first document stay with the file.
   */
  public static String removeDocument(ParsedYaml parsed, int index) {
    List<YNode> docs = parsed.documents();
    if (docs.size() == 1) {
      return null;
    }
    DocumentEditor editor = new DocumentEditor(parsed.text());
    SourceText src = editor.src;
    int from;
    int to;
    if (index == 0) {
      from = src.lineStart(src.start(docs.get(0)));
      int separator = editor.separatorBefore(docs, 1);
      // '--- key: value' starts the next document on the marker's line: the marker stays.
      to = src.onlyCommentAfter(separator + 3) ? src.lineEndAfter(separator + 1) : separator;
    } else {
      from = editor.separatorBefore(docs, index);
      to =
          index + 1 < docs.size()
              ? editor.separatorBefore(docs, index + 1)
              : parsed.text().length();
    }
    String result = parsed.text().substring(0, from) + parsed.text().substring(to);
    List<Object> expected = plainDocuments(parsed);
    expected.remove(index);
    verify(parsed.file(), result, expected);
    return result;
  }

  /** The start of the {@code ---} line between document {@code index - 1} and {@code index}. */
  private int separatorBefore(List<YNode> docs, int index) {
    int from = contentEnd(docs.get(index - 1));
    int to = src.start(docs.get(index));
    for (int line = src.lineEndAfter(from); line <= to; line = src.lineEndAfter(line + 1)) {
      if (src.text.startsWith("---", line)) {
        return line;
      }
      if (line >= src.text.length()) {
        break;
      }
    }
    throw new IllegalStateException(
        "no document separator found before line " + docs.get(index).location().line());
  }

  private static List<Object> plainDocuments(ParsedYaml parsed) {
    List<Object> values = new ArrayList<>();
    parsed.documents().forEach(d -> values.add(YValues.toPlain(d)));
    return values;
  }

  private static void verify(String file, String text, List<Object> expected) {
    ParsedYaml reparsed =
        YamlReader.read(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Object> actual = plainDocuments(reparsed);
    if (!reparsed.diagnostics().isEmpty() || !actual.equals(expected)) {
      throw new IllegalStateException(
          "editing "
              + file
              + " would not yield the intended values "
              + "(an aami bug; nothing was written)"
              + (reparsed.diagnostics().isEmpty()
                  ? ""
                  : ": " + reparsed.diagnostics().get(0).message()));
    }
  }

  /** Where a node sits, which decides how a replacement is laid out. */
  private record Slot(YScalar key, int indent, boolean inFlow) {
    static final Slot ROOT = new Slot(null, -2, false);

    static Slot itemAt(int dashIndent) {
      return new Slot(null, dashIndent, false);
    }

    static Slot inFlow(YScalar key) {
      return new Slot(key, 0, true);
    }
  }

  private void reconcile(YNode node, Object value, Slot slot) {
    if (Objects.equals(YValues.toPlain(node), value)) {
      return;
    }
    boolean block = !isFlow(node);
    if (block
        && node instanceof YMap map
        && value instanceof Map<?, ?> m
        && !m.isEmpty()
        && reconcileMap(map, m)) {
      return;
    }
    if (block
        && node instanceof YSeq seq
        && value instanceof List<?> list
        && reconcileSeq(seq, list)) {
      return;
    }
    if (!block && reconcileFlow(node, value)) {
      return;
    }
    if (slot.inFlow()) {
      replaceInFlow(node, value);
      return;
    }
    replaceValue(node, value, slot);
  }

  /** A flow collection keeping its keys (or length) changes value by value; false otherwise. */
  private boolean reconcileFlow(YNode node, Object value) {
    if (node instanceof YMap map
        && value instanceof Map<?, ?> wanted
        && !wanted.isEmpty()
        && wanted.size() == map.entries().size()
        && map.entries().stream().allMatch(e -> wanted.containsKey(e.name()))) {
      map.entries().forEach(e -> reconcile(e.value(), wanted.get(e.name()), Slot.inFlow(e.key())));
      return true;
    }
    if (node instanceof YSeq seq
        && value instanceof List<?> wanted
        && !wanted.isEmpty()
        && wanted.size() == seq.items().size()) {
      for (int i = 0; i < wanted.size(); i++) {
        reconcile(seq.items().get(i), wanted.get(i), Slot.inFlow(null));
      }
      return true;
    }
    return false;
  }

  /**
   * Inside {@code {...}} or {@code [...]}: flow style only, and plain text that commas cannot
   * split.
   */
  private void replaceInFlow(YNode node, Object value) {
    String text =
        value instanceof Map || value instanceof List || isFlow(node)
            ? YamlStyle.flow(value)
            : YamlStyle.flowScalarLike(value, YamlStyle.ScalarStyle.at(src.text, src.start(node)));
    int start = src.start(node);
    edits.add(new TextEdit(start, src.end(node), (start == src.end(node) ? " " : "") + text));
  }

  /** Entry by entry; false (nothing recorded) when an entry to remove does not start its line. */
  private boolean reconcileMap(YMap map, Map<?, ?> wanted) {
    List<YMap.Entry> removed =
        map.entries().stream().filter(e -> !wanted.containsKey(e.name())).toList();
    if (removed.stream().anyMatch(e -> !src.onlyIndentBefore(src.start(e.key())))) {
      return false;
    }
    int indent = src.column(src.start(map));
    for (YMap.Entry entry : map.entries()) {
      if (wanted.containsKey(entry.name())) {
        reconcile(entry.value(), wanted.get(entry.name()), new Slot(entry.key(), indent, false));
      } else {
        int from = src.lineStart(src.start(entry.key()));
        edits.add(new TextEdit(from, src.lineEndAfter(contentEnd(entry.value())), ""));
      }
    }
    Map<Object, Object> added = new LinkedHashMap<>();
    wanted.forEach(
        (k, v) -> {
          if (map.get(k.toString()).isEmpty()) {
            added.put(k, v);
          }
        });
    if (!added.isEmpty()) {
      int at = src.lineEndAfter(contentEnd(map));
      String lead = src.atLineStart(at) ? "" : src.newline;
      edits.add(new TextEdit(at, at, lead + YamlStyle.blockEntries(added, indent, src.newline)));
    }
    return true;
  }

  /** Item by item for the same length, or the removal of one item; false otherwise. */
  private boolean reconcileSeq(YSeq seq, List<?> wanted) {
    List<YNode> items = seq.items();
    int dashIndent = src.column(src.start(seq));
    if (items.size() == wanted.size()) {
      for (int i = 0; i < items.size(); i++) {
        reconcile(items.get(i), wanted.get(i), Slot.itemAt(dashIndent));
      }
      return true;
    }
    if (items.size() != wanted.size() + 1 || wanted.isEmpty()) {
      return false;
    }
    int gone = 0;
    while (gone < wanted.size()
        && Objects.equals(YValues.toPlain(items.get(gone)), wanted.get(gone))) {
      gone++;
    }
    for (int i = gone; i < wanted.size(); i++) {
      if (!Objects.equals(YValues.toPlain(items.get(i + 1)), wanted.get(i))) {
        return false;
      }
    }
    int dash = src.text.lastIndexOf('-', src.start(items.get(gone)));
    if (dash < 0 || !src.onlyIndentBefore(dash)) {
      return false;
    }
    int to =
        gone + 1 < items.size()
            ? src.lineStart(src.text.lastIndexOf('-', src.start(items.get(gone + 1))))
            : src.lineEndAfter(contentEnd(items.get(gone)));
    edits.add(new TextEdit(src.lineStart(dash), to, ""));
    return true;
  }

  private void replaceValue(YNode node, Object value, Slot slot) {
    int start = src.start(node);
    int end = contentEnd(node);
    boolean endsLine = src.atLineStart(end) && end > start;
    boolean newCollection =
        (value instanceof Map<?, ?> m && !m.isEmpty())
            || (value instanceof List<?> l && !l.isEmpty());
    int childIndent = slot.indent() + 2;
    YamlStyle.ScalarStyle style = YamlStyle.ScalarStyle.at(src.text, start);
    String replacement;
    if (node instanceof YScalar
        && (style == YamlStyle.ScalarStyle.LITERAL || style == YamlStyle.ScalarStyle.FOLDED)) {
      replacement =
          value instanceof String s && YamlStyle.literalFits(s)
              ? YamlStyle.literal(s, blockIndent(node, childIndent), src.newline)
              : inline(value) + src.newline;
      edits.add(new TextEdit(start, end, endsLine ? replacement : chop(replacement)));
      return;
    }
    if (!isFlow(node) && !(node instanceof YScalar)) {
      // A block collection: a new collection takes its place at the same indentation; anything
      // else moves up behind the key.
      if (newCollection) {
        replacement = YamlStyle.blockAt(value, src.column(start), src.newline);
        edits.add(new TextEdit(start, end, endsLine ? replacement : chop(replacement)));
      } else if (slot.key() != null) {
        int colon = src.text.indexOf(':', src.end(slot.key()));
        edits.add(
            new TextEdit(colon + 1, end, " " + inline(value) + (endsLine ? src.newline : "")));
      } else {
        edits.add(new TextEdit(start, end, inline(value) + (endsLine ? src.newline : "")));
      }
      return;
    }
    boolean behindKey = slot.key() != null && src.onlyCommentAfter(src.end(node));
    if (newCollection && !isFlow(node) && behindKey) {
      int colon = src.text.indexOf(':', src.end(slot.key()));
      String block =
          value instanceof Map<?, ?> m
              ? YamlStyle.blockEntries(m, childIndent, src.newline)
              : YamlStyle.blockAt(value, childIndent, src.newline);
      if (value instanceof List<?>) {
        block = " ".repeat(childIndent) + block;
      }
      edits.add(new TextEdit(colon + 1, end, src.newline + chop(block)));
      return;
    }
    if (value instanceof String s
        && YamlStyle.literalFits(s)
        && behindKey
        && !isFlow(node)
        && src.atLineEnd(end)) {
      edits.add(
          new TextEdit(
              start,
              end,
              (start == end ? " " : "") + chop(YamlStyle.literal(s, childIndent, src.newline))));
      return;
    }
    String text =
        newCollection || isFlow(node) ? YamlStyle.flow(value) : YamlStyle.scalarLike(value, style);
    edits.add(new TextEdit(start, end, (start == end && slot.key() != null ? " " : "") + text));
  }

  private String inline(Object value) {
    return value instanceof Map || value instanceof List
        ? YamlStyle.flow(value)
        : YamlStyle.scalar(value);
  }

  private String chop(String s) {
    return s.endsWith(src.newline) ? s.substring(0, s.length() - src.newline.length()) : s;
  }

  /** The indentation of a block scalar's first content line, or {@code fallback}. */
  private int blockIndent(YNode node, int fallback) {
    int line = src.lineEndAfter(src.start(node));
    int i = line;
    while (i < src.text.length() && src.text.charAt(i) == ' ') {
      i++;
    }
    return i > line && i < src.text.length() && src.text.charAt(i) != '\n'
        ? i - line
        : Math.max(fallback, 1);
  }

  private boolean isFlow(YNode node) {
    char c = src.charAt(src.start(node));
    return !(node instanceof YScalar) && (c == '{' || c == '[');
  }

  /**
   * Where a node's own text ends. A block collection's end offset reaches past trailing blank lines
   * and comments to the next token, and a block scalar's past its trailing blank lines; both belong
   * to what follows, so they are cut off here.
   */
  int contentEnd(YNode node) {
    if (node instanceof YMap map && !isFlow(map) && !map.entries().isEmpty()) {
      return contentEnd(map.entries().get(map.entries().size() - 1).value());
    }
    if (node instanceof YSeq seq && !isFlow(seq) && !seq.items().isEmpty()) {
      return contentEnd(seq.items().get(seq.items().size() - 1));
    }
    int start = src.start(node);
    int end = src.end(node);
    YamlStyle.ScalarStyle style = YamlStyle.ScalarStyle.at(src.text, start);
    if (!(node instanceof YScalar)
        || (style != YamlStyle.ScalarStyle.LITERAL && style != YamlStyle.ScalarStyle.FOLDED)) {
      return end;
    }
    String header = src.text.substring(start, src.lineEndAfter(start));
    if (header.contains("+")) {
      return end;
    }
    int headerEnd = src.lineEndAfter(start);
    while (end > headerEnd && src.atLineStart(end)) {
      int previous = src.lineStart(end - 1);
      if (!src.text.substring(previous, end).isBlank() || previous < headerEnd) {
        break;
      }
      end = previous;
    }
    return end;
  }

  /** One replacement of characters [start, end) of the original text. */
  record TextEdit(int start, int end, String replacement) {
    static String applyAll(String text, List<TextEdit> edits) {
      List<TextEdit> ordered = new ArrayList<>(edits);
      ordered.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
      StringBuilder sb = new StringBuilder();
      int at = 0;
      for (TextEdit e : ordered) {
        if (e.start() < at) {
          throw new IllegalStateException("overlapping edits at offset " + e.start());
        }
        sb.append(text, at, e.start()).append(e.replacement());
        at = e.end();
      }
      return sb.append(text.substring(at)).toString();
    }
  }
}
