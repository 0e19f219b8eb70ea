package io.aami.yaml;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** snakeyaml node graph to YNode tree; rejects what JSON cannot express or aami does not allow. */
final class NodeConverter {
  private final String file;
  private final List<Diagnostic> problems;
  private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Integer> alteredAt = new HashSet<>();
  private final Set<Integer> explicitTags;
  private int nodes;

  NodeConverter(String file, List<Diagnostic> problems, Set<Integer> explicitTags) {
    this.file = file;
    this.problems = problems;
    this.explicitTags = explicitTags;
  }

  YNode convert(Node node) {
    if (++nodes > YamlReader.MAX_NODES_PER_FILE) {
      throw new TooLarge(
          locationOf(node),
          "more than "
              + YamlReader.MAX_NODES_PER_FILE
              + " nodes after expanding aliases (alias bomb?)");
    }
    if (!onPath.add(node)) {
      unsupported(node, "recursive alias: a node contains itself");
      return null;
    }
    try {
      if (node instanceof ScalarNode s) {
        return finite(scalar(s), s);
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
    problems.add(Diagnostic.error(locationOf(node), Code.YAML_UNSUPPORTED, message));
    alteredAt.add(node.getStartMark().getIndex());
  }

  private void unsupportedTag(Node node) {
    unsupported(
        node, "unsupported tag " + shortTag(node.getTag()) + "; aami reads plain YAML only");
  }

  /**
   * docs/FORMAT.md: no tags. A tag changes what a value means to one YAML library and not to
   * another (a reviewer reads {@code !!binary aGk=} as text), so even {@code !!str} is refused.
   */
  private boolean refusedExplicitTag(Node node) {
    if (!explicitTags.contains(node.getStartMark().getIndex())) {
      return false;
    }
    unsupported(
        node,
        "tag "
            + shortTag(node.getTag())
            + " is not allowed; aami reads plain YAML"
            + " only (quote a value to keep it text)");
    return true;
  }

  private YScalar scalar(ScalarNode node) {
    boolean plain = node.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    Tag tag = node.getTag();
    YScalar.ScalarType type;
    if (refusedExplicitTag(node)) {
      type = YScalar.ScalarType.STRING;
    } else if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP) || tag.equals(Tag.BINARY)) {
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
    if (type != YScalar.ScalarType.STRING && !fitsTag(type, node.getValue())) {
      // An explicit tag on text of another type (!!int abc): not a value aami can read.
      unsupported(node, "tag " + shortTag(tag) + " does not fit '" + node.getValue() + "'");
      type = YScalar.ScalarType.STRING;
    }
    YScalar scalar =
        new YScalar(
            node.getValue(),
            type,
            plain,
            locationOf(node),
            node.getStartMark().getIndex(),
            node.getEndMark().getIndex());
    try {
      scalar.value();
      return scalar;
    } catch (NumberFormatException unparsable) {
      // Matches YAML 1.1's number syntax but is no number (e.g. 0x_): read it as text.
      return new YScalar(
          scalar.text(),
          YScalar.ScalarType.STRING,
          plain,
          scalar.location(),
          scalar.startOffset(),
          scalar.endOffset());
    }
  }

  /**
   * {@code .inf}, {@code -.inf}, {@code .nan} and numbers beyond the double range ({@code 1e400})
   * have no JSON form: every field is refused such a value here, at its place, before a schema or a
   * renderer sees it. It is kept as text so that the rest of the document can still be read.
   */
  private YScalar finite(YScalar scalar, ScalarNode node) {
    if (scalar.type() != YScalar.ScalarType.FLOAT || Double.isFinite((Double) scalar.value())) {
      return scalar;
    }
    double number = (Double) scalar.value();
    String value =
        scalar.text().length() > 40 ? scalar.text().substring(0, 40) + "..." : scalar.text();
    String why =
        Double.isNaN(number)
            ? "not a number"
            : scalar.text().toLowerCase(java.util.Locale.ROOT).endsWith(".inf")
                ? "infinity"
                : "beyond the range of a double, about 1.8e308";
    unsupported(
        node,
        "'"
            + value
            + "' is not a finite number ("
            + why
            + "); JSON, and so aami, cannot hold it (quote it to keep it text)");
    return new YScalar(
        scalar.text(),
        YScalar.ScalarType.STRING,
        scalar.plain(),
        scalar.location(),
        scalar.startOffset(),
        scalar.endOffset());
  }

  private YSeq sequence(SequenceNode node) {
    if (!refusedExplicitTag(node) && !node.getTag().equals(Tag.SEQ)) {
      unsupportedTag(node);
    }
    List<YNode> items = new ArrayList<>(node.getValue().size());
    for (Node item : node.getValue()) {
      YNode converted = convert(item);
      if (converted != null) {
        items.add(converted);
      }
    }
    return new YSeq(
        items, locationOf(node), node.getStartMark().getIndex(), node.getEndMark().getIndex());
  }

  private YMap mapping(MappingNode node) {
    if (!refusedExplicitTag(node) && !node.getTag().equals(Tag.MAP)) {
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
      key =
          new YScalar(
              key.text(),
              YScalar.ScalarType.STRING,
              key.plain(),
              key.location(),
              key.startOffset(),
              key.endOffset());
      YScalar previous = seen.putIfAbsent(key.text(), key);
      if (previous != null) {
        problems.add(
            Diagnostic.error(
                key.location(),
                Code.YAML_DUPLICATE_KEY,
                "duplicate key '"
                    + key.text()
                    + "' (first defined at line "
                    + previous.location().line()
                    + ")"));
        continue;
      }
      YNode value = convert(tuple.getValueNode());
      if (value != null) {
        entries.add(new YMap.Entry(key, value));
      }
    }
    return new YMap(
        entries, locationOf(node), node.getStartMark().getIndex(), node.getEndMark().getIndex());
  }

  private SourceLocation locationOf(Node node) {
    return YamlReader.at(file, node.getStartMark());
  }

  /** Start offsets of the nodes dropped or reinterpreted: see {@link ParsedYaml#alteredAt()}. */
  Set<Integer> alteredAt() {
    return alteredAt;
  }

  /** Ends the conversion of a file whose aliases expand past the node cap. */
  static final class TooLarge extends RuntimeException {
    final SourceLocation at;

    TooLarge(SourceLocation at, String message) {
      super(message, null, false, false);
      this.at = at;
    }
  }
}
