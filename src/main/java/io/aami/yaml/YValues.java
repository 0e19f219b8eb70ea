package io.aami.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversions of a {@link YNode} tree: to Jackson (for JSON Schema), to plain Java values. */
public final class YValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private YValues() {}

  public static JsonNode toJson(YNode node) {
    if (node instanceof YMap map) {
      ObjectNode object = JSON.objectNode();
      map.entries().forEach(e -> object.set(e.name(), toJson(e.value())));
      return object;
    }
    if (node instanceof YSeq seq) {
      ArrayNode array = JSON.arrayNode();
      seq.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    Object value = ((YScalar) node).value();
    if (value == null) {
      return JSON.nullNode();
    } else if (value instanceof String s) {
      return JSON.textNode(s);
    } else if (value instanceof Long l) {
      return JSON.numberNode(l);
    } else if (value instanceof BigInteger b) {
      return JSON.numberNode(b);
    } else if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    return JSON.booleanNode((Boolean) value);
  }

  /**
   * Plain Java values (String, Long, BigInteger, Double, Boolean, null, unmodifiable List and
   * insertion-ordered Map) for configs that are merged and published as JSON.
   */
  public static Object toPlain(YNode node) {
    if (node instanceof YMap map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.entries().forEach(e -> result.put(e.name(), toPlain(e.value())));
      return Collections.unmodifiableMap(result);
    }
    if (node instanceof YSeq seq) {
      List<Object> result = new ArrayList<>(seq.items().size());
      seq.items().forEach(item -> result.add(toPlain(item)));
      return Collections.unmodifiableList(result);
    }
    return ((YScalar) node).value();
  }

  /** The unescaped reference tokens of a JSON Pointer (RFC 6901); none for the root pointer. */
  public static List<String> pointerTokens(String pointer) {
    if (pointer == null || pointer.isEmpty()) {
      return List.of();
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  /** The node a JSON Pointer (RFC 6901) designates, if it exists. */
  public static Optional<YNode> at(YNode root, String pointer) {
    YNode current = root;
    for (String step : pointerTokens(pointer)) {
      if (current instanceof YMap map) {
        Optional<YNode> next = map.get(step);
        if (next.isEmpty()) {
          return Optional.empty();
        }
        current = next.get();
      } else if (current instanceof YSeq seq) {
        int index;
        try {
          index = Integer.parseInt(step);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        if (index < 0 || index >= seq.items().size()) {
          return Optional.empty();
        }
        current = seq.items().get(index);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** For a pointer ending at a mapping entry, that entry's key node. */
  public static Optional<YScalar> keyAt(YNode root, String pointer) {
    int slash = pointer == null ? -1 : pointer.lastIndexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    List<String> tokens = pointerTokens(pointer);
    String name = tokens.get(tokens.size() - 1);
    return at(root, pointer.substring(0, slash))
        .filter(YMap.class::isInstance)
        .flatMap(parent -> ((YMap) parent).entry(name))
        .map(YMap.Entry::key);
  }
}
