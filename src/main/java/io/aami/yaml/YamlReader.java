package io.aami.yaml;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML bytes into {@link YNode} trees with source positions, turning every failure
 * (encoding, syntax, duplicate keys, alias bombs, size) into a located diagnostic.
 */
public final class YamlReader {
  /** Refuses files larger than this before parsing: inventories of 10,000 targets stay far below. */
  public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;

  /** Caps nodes after alias expansion, which is what an alias bomb inflates. */
  public static final int MAX_NODES_PER_FILE = 1_000_000;

  private static final int MAX_ALIASES = 50;
  private static final int MAX_DEPTH = 64;

  /** How snakeyaml words a tab where a token should start, naming neither line nor fix. */
  private static final String SNAKEYAML_TAB_COMPLAINT =
      "found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)";

  private YamlReader() {}

  public static ParsedYaml read(String file, byte[] bytes) {
    List<Diagnostic> problems = new ArrayList<>();
    if (bytes.length > MAX_FILE_BYTES) {
      problems.add(Diagnostic.error(SourceLocation.wholeFile(file), Code.YAML_TOO_LARGE,
          "file is " + bytes.length + " bytes; the limit is " + MAX_FILE_BYTES + " bytes"));
      return new ParsedYaml(file, "", List.of(), problems);
    }
    String text;
    try {
      text = decodeStrictUtf8(bytes);
    } catch (InvalidUtf8 e) {
      problems.add(Diagnostic.error(e.location(file), Code.YAML_ENCODING,
          "invalid UTF-8 byte sequence; save the file as UTF-8"));
      // Decoded leniently (bad bytes become U+FFFD) only so reports can quote the line.
      return new ParsedYaml(file, new String(bytes, StandardCharsets.UTF_8), List.of(), problems);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<YNode> documents = new ArrayList<>();
    Converter converter = new Converter(file, problems);
    LoaderOptions options = loaderOptions();
    LastEventParser parser = new LastEventParser(
        new ParserImpl(new StreamReader(new StringReader(text)), options));
    Composer composer = new Composer(parser, new Resolver(), options);
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        if (node == null || isNullScalar(node)) {
          continue;
        }
        YNode converted = converter.convert(node);
        if (converted != null) {
          documents.add(converted);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.add(Diagnostic.error(at(file, mark), Code.YAML_SYNTAX, syntaxMessage(e)));
    } catch (TooLarge e) {
      problems.add(Diagnostic.error(e.at, Code.YAML_TOO_LARGE, e.getMessage()));
    } catch (ReaderException e) {
      problems.add(Diagnostic.error(atCodePoint(file, text, e.getPosition()), Code.YAML_SYNTAX,
          String.format("control character U+%04X is not allowed in YAML; remove it or write it as an "
              + "escape in a double-quoted string", e.getCodePoint())));
    } catch (YAMLException e) {
      // snakeyaml's limit errors carry no position, but they are thrown right after the composer
      // consumed the offending event (the alias, or the collection one level too deep).
      Code code = isLimit(e) ? Code.YAML_TOO_LARGE : Code.YAML_SYNTAX;
      problems.add(Diagnostic.error(at(file, parser.lastMark()), code, limitMessage(e)));
    } catch (StackOverflowError e) {
      problems.add(Diagnostic.error(at(file, parser.lastMark()), Code.YAML_TOO_LARGE,
          "nesting is too deep"));
    }
    return new ParsedYaml(file, text, documents, problems, converter.alteredAt);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setProcessComments(false);
    // Nothing is ever constructed from tags (only nodes are composed), so every tag may pass the
    // composer; the converter then reports each one at its node instead of losing the file.
    options.setTagInspector(tag -> true);
    return options;
  }

  private static boolean isNullScalar(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getValue().isEmpty();
  }

  private static boolean isLimit(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("aliases") || m.contains("exceeds the limit") || m.contains("Nesting Depth");
  }

  /** snakeyaml's limit messages name its options; say what the author should do instead. */
  private static String limitMessage(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("aliases")) {
      return "more than " + MAX_ALIASES + " aliases to lists or mappings (an alias bomb?); "
          + "write the values out";
    }
    if (m.contains("Nesting Depth")) {
      return "nesting deeper than " + MAX_DEPTH + " levels";
    }
    if (m.contains("exceeds the limit")) {
      return "file is larger than " + MAX_FILE_BYTES + " characters; split it";
    }
    return firstLine(e.getMessage());
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
    if (problem.equals(SNAKEYAML_TAB_COMPLAINT)) {
      return "a tab character cannot start a token here: YAML indents and separates with spaces; "
          + "replace the tab with spaces";
    }
    StringBuilder sb = new StringBuilder();
    if (e.getContext() != null) {
      sb.append(e.getContext());
      Mark contextMark = e.getContextMark();
      Mark problemMark = e.getProblemMark();
      if (contextMark != null && problemMark != null && contextMark.getLine() != problemMark.getLine()) {
        sb.append(" started at line ").append(contextMark.getLine() + 1);
      }
      sb.append(": ");
    }
    sb.append(problem);
    if (problem.startsWith("mapping values are not allowed")) {
      sb.append("; check the indentation, or quote a value that contains ': '");
    }
    return sb.toString().replaceAll("\\s+", " ").trim();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed YAML";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static SourceLocation at(String file, Mark mark) {
    if (mark == null) {
      return SourceLocation.wholeFile(file);
    }
    return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** The line and column of the code point at {@code index} (0-based) of {@code text}. */
  private static SourceLocation atCodePoint(String file, String text, int index) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int seen = 0; seen < index && offset < text.length(); seen++) {
      int c = text.codePointAt(offset);
      offset += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceLocation(file, line, column);
  }

  private static String decodeStrictUtf8(byte[] bytes) throws InvalidUtf8 {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new InvalidUtf8(bytes, in.position());
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  /** Where the first bad byte sits, as line and (character) column. */
  private static final class InvalidUtf8 extends Exception {
    private final byte[] bytes;
    private final int offset;

    InvalidUtf8(byte[] bytes, int offset) {
      super(null, null, false, false);
      this.bytes = bytes;
      this.offset = offset;
    }

    SourceLocation location(String file) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String before;
      try {
        before = StandardCharsets.UTF_8.newDecoder()
            .decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart)).toString();
      } catch (CharacterCodingException e) {
        before = "";
      }
      // Columns count code points, as snakeyaml's marks do.
      return new SourceLocation(file, line, before.codePointCount(0, before.length()) + 1);
    }
  }

  private static final class TooLarge extends RuntimeException {
    final SourceLocation at;

    TooLarge(SourceLocation at, String message) {
      super(message, null, false, false);
      this.at = at;
    }
  }

  /** snakeyaml node graph to YNode tree; rejects what JSON cannot express or aami does not allow. */
  private static final class Converter {
    private final String file;
    private final List<Diagnostic> problems;
    private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Integer> alteredAt = new HashSet<>();
    private int nodes;

    Converter(String file, List<Diagnostic> problems) {
      this.file = file;
      this.problems = problems;
    }

    YNode convert(Node node) {
      if (++nodes > MAX_NODES_PER_FILE) {
        throw new TooLarge(at(file, node.getStartMark()),
            "more than " + MAX_NODES_PER_FILE + " nodes after expanding aliases (alias bomb?)");
      }
      if (!onPath.add(node)) {
        unsupported(node, "recursive alias: a node contains itself");
        return null;
      }
      try {
        if (node instanceof ScalarNode s) {
          return scalar(s);
        } else if (node instanceof SequenceNode s) {
          return sequence(s);
        } else if (node instanceof MappingNode m) {
          return mapping(m);
        }
        return null;
      } finally {
        onPath.remove(node);
      }
    }

    /** {@code !!int} rather than {@code tag:yaml.org,2002:int}, as the author wrote it. */
    private static String shortTag(Tag tag) {
      String value = tag.getValue();
      return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    private static boolean fitsTag(YScalar.ScalarType type, String text) {
      return switch (type) {
        case STRING -> true;
        case INTEGER -> Resolver.INT.matcher(text).matches();
        case FLOAT -> Resolver.FLOAT.matcher(text).matches() || Resolver.INT.matcher(text).matches();
        case BOOLEAN -> Resolver.BOOL.matcher(text).matches();
        case NULL -> text.isEmpty() || Resolver.NULL.matcher(text).matches();
      };
    }

    private void unsupported(Node node, String message) {
      problems.add(Diagnostic.error(at(file, node.getStartMark()), Code.YAML_UNSUPPORTED, message));
      alteredAt.add(node.getStartMark().getIndex());
    }

    private void unsupportedTag(Node node) {
      unsupported(node, "unsupported tag " + shortTag(node.getTag()) + "; aami reads plain YAML only");
    }

    private YScalar scalar(ScalarNode node) {
      boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
      Tag tag = node.getTag();
      YScalar.ScalarType type;
      if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY)) {
        type = YScalar.ScalarType.STRING;
      } else if (tag.equals(Tag.INT)) {
        type = YScalar.ScalarType.INTEGER;
      } else if (tag.equals(Tag.FLOAT)) {
        type = YScalar.ScalarType.FLOAT;
      } else if (tag.equals(Tag.BOOL)) {
        type = YScalar.ScalarType.BOOLEAN;
      } else if (tag.equals(Tag.NULL)) {
        type = YScalar.ScalarType.NULL;
      } else {
        unsupportedTag(node);
        type = YScalar.ScalarType.STRING;
      }
      if (!fitsTag(type, node.getValue())) {
        // An explicit tag on text of another type (!!int abc): not a value aami can read.
        unsupported(node, "tag " + shortTag(tag) + " does not fit '" + node.getValue() + "'");
        type = YScalar.ScalarType.STRING;
      }
      YScalar scalar = new YScalar(node.getValue(), type, plain, at(file, node.getStartMark()),
          node.getStartMark().getIndex(), node.getEndMark().getIndex());
      try {
        scalar.value();
        return scalar;
      } catch (NumberFormatException unparsable) {
        // Matches YAML 1.1's number syntax but is no number (e.g. 0x_): read it as text.
        return new YScalar(scalar.text(), YScalar.ScalarType.STRING, plain, scalar.location(),
            scalar.startOffset(), scalar.endOffset());
      }
    }

    private YSeq sequence(SequenceNode node) {
      if (!node.getTag().equals(Tag.SEQ)) {
        unsupportedTag(node);
      }
      List<YNode> items = new ArrayList<>(node.getValue().size());
      for (Node item : node.getValue()) {
        YNode converted = convert(item);
        if (converted != null) {
          items.add(converted);
        }
      }
      return new YSeq(items, at(file, node.getStartMark()),
          node.getStartMark().getIndex(), node.getEndMark().getIndex());
    }

    private YMap mapping(MappingNode node) {
      if (!node.getTag().equals(Tag.MAP)) {
        unsupportedTag(node);
      }
      List<YMap.Entry> entries = new ArrayList<>(node.getValue().size());
      Map<String, YScalar> seen = new HashMap<>();
      for (NodeTuple tuple : node.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          unsupported(keyNode, "mapping keys must be plain strings");
          continue;
        }
        if (scalarKey.getTag().equals(Tag.MERGE)) {
          unsupported(keyNode, "merge keys (<<) are not supported; write the fields out");
          continue;
        }
        YScalar key = scalar(scalarKey);
        key = new YScalar(key.text(), YScalar.ScalarType.STRING, key.plain(), key.location(),
            key.startOffset(), key.endOffset());
        YScalar previous = seen.putIfAbsent(key.text(), key);
        if (previous != null) {
          problems.add(Diagnostic.error(key.location(), Code.YAML_DUPLICATE_KEY,
              "duplicate key '" + key.text() + "' (first defined at line "
                  + previous.location().line() + ")"));
          continue;
        }
        YNode value = convert(tuple.getValueNode());
        if (value != null) {
          entries.add(new YMap.Entry(key, value));
        }
      }
      return new YMap(entries, at(file, node.getStartMark()),
          node.getStartMark().getIndex(), node.getEndMark().getIndex());
    }
  }
}
