package io.aami.yaml;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML bytes into {@link YNode} trees with source positions, turning every failure
 * (encoding, syntax, duplicate keys, alias bombs, size) into a located diagnostic.
 */
public final class YamlReader {
  /**
   * Refuses files larger than this before parsing: inventories of 10,000 targets stay far below.
   */
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
      problems.add(
          Diagnostic.error(
              SourceLocation.wholeFile(file),
              Code.YAML_TOO_LARGE,
              "file is " + bytes.length + " bytes; the limit is " + MAX_FILE_BYTES + " bytes"));
      return new ParsedYaml(file, "", List.of(), problems);
    }
    String text;
    try {
      text = decodeStrictUtf8(bytes);
    } catch (InvalidUtf8 e) {
      problems.add(
          Diagnostic.error(
              e.location(file),
              Code.YAML_ENCODING,
              "invalid UTF-8 byte sequence; save the file as UTF-8"));
      // Decoded leniently (bad bytes become U+FFFD) only so reports can quote the line.
      return new ParsedYaml(file, new String(bytes, StandardCharsets.UTF_8), List.of(), problems);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<YNode> documents = new ArrayList<>();
    LoaderOptions options = loaderOptions();
    LastEventParser parser =
        new LastEventParser(new ParserImpl(new WholeTextReader(text), options));
    NodeConverter converter = new NodeConverter(file, problems, parser.explicitTags());
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
    } catch (NodeConverter.TooLarge e) {
      problems.add(Diagnostic.error(e.at, Code.YAML_TOO_LARGE, e.getMessage()));
    } catch (ReaderException e) {
      problems.add(
          Diagnostic.error(
              atCodePoint(file, text, e.getPosition()),
              Code.YAML_SYNTAX,
              String.format(
                  "control character U+%04X is not allowed in YAML; remove it or write it as an "
                      + "escape in a double-quoted string",
                  e.getCodePoint())));
    } catch (YAMLException e) {
      // snakeyaml's limit errors carry no position, but they are thrown right after the composer
      // consumed the offending event (the alias, or the collection one level too deep).
      Code code = isLimit(e) ? Code.YAML_TOO_LARGE : Code.YAML_SYNTAX;
      problems.add(Diagnostic.error(at(file, parser.lastMark()), code, limitMessage(e)));
    } catch (StackOverflowError e) {
      problems.add(
          Diagnostic.error(
              at(file, parser.lastMark()), Code.YAML_TOO_LARGE, "nesting is too deep"));
    }
    return new ParsedYaml(file, text, documents, problems, converter.alteredAt());
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
      return "more than "
          + MAX_ALIASES
          + " aliases to lists or mappings (an alias bomb?); "
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
      if (contextMark != null
          && problemMark != null
          && contextMark.getLine() != problemMark.getLine()) {
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
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
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
        before =
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart))
                .toString();
      } catch (CharacterCodingException e) {
        before = "";
      }
      // Columns count code points, as snakeyaml's marks do.
      return new SourceLocation(file, line, before.codePointCount(0, before.length()) + 1);
    }
  }
}
