package io.aami.render.prometheus;

import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one YAML style of aami's output: block style, 2-space indentation with sequence dashes
 * indented under their key, no line folding, UTF-8 text as is, {@code \n} line breaks, map keys in
 * the order the caller built them. Strings are plain unless YAML needs quotes (a value that would
 * read back as a number, boolean or null, or starts with an indicator such as <code>{</code>),
 * multi-line strings use a literal block when YAML allows it, and strings with control or Unicode
 * line-break characters are double-quoted with escapes.
 */
final class YamlText {
  private static final DumperOptions OPTIONS = options();

  private YamlText() {}

  /** The document text, ending in exactly one newline, after an optional {@code #} comment line. */
  static String dump(String headerComment, Map<String, Object> document) {
    // A Yaml instance keeps state while it dumps and is not thread-safe; one per document is cheap.
    String body = new Yaml(new OutputRepresenter(OPTIONS), OPTIONS).dump(document);
    return headerComment == null ? body : "# " + headerComment + "\n" + body;
  }

  private static DumperOptions options() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setAllowUnicode(true);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
    return options;
  }

  /**
   * Plain scalars that SnakeYAML's YAML 1.1 resolver takes for strings but another common reader
   * takes for something else, so that a label would reach Prometheus or Kubernetes changed: Go's
   * number syntax ({@code 0x1F}-style prefixes in either case, signed infinities and NaN), YAML
   * 1.2's {@code 0o} octal, the one-letter booleans {@code y} and {@code n} (go-yaml v2), and
   * {@code =}, the YAML 1.1 "value" key that PyYAML resolves to a tag it cannot construct.
   */
  private static final Pattern GO_YAML_NON_STRING =
      Pattern.compile(
          "[-+]?0(?:[xX][0-9a-fA-F_.]+(?:[pP][-+]?[0-9_]+)?|[bB][01_]+|[oO][0-7_]+)"
              + "|[-+](?i:inf|infinity|nan)|[yYnN]|=");

  private static final class OutputRepresenter extends Representer {
    OutputRepresenter(DumperOptions options) {
      super(options);
      Represent plain = this.representers.get(String.class);
      this.representers.put(String.class, data -> represent((String) data, plain));
    }

    private Node represent(String text, Represent fallback) {
      if (needsEscapes(text)) {
        return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
      }
      if (text.indexOf('\n') >= 0) {
        return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL);
      }
      if (GO_YAML_NON_STRING.matcher(text).matches()) {
        return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.SINGLE_QUOTED);
      }
      return fallback.representData(text);
    }

    /**
     * Control characters, and the characters YAML 1.1 readers take as line breaks (NEL, LS, PS),
     * would be altered by a plain or block scalar; only a double-quoted one can escape them.
     */
    private static boolean needsEscapes(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((c < 0x20 && c != '\n')
            || (c >= 0x7f && c <= 0x9f)
            || c == '\u2028'
            || c == '\u2029'
            || c == '\ufeff') {
          return true;
        }
      }
      return false;
    }
  }
}
