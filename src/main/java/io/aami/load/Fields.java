package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of one mapping's fields. Each read that finds the wrong shape reports a located error
 * and marks the object invalid, so the binder can report every bad field in one pass.
 */
final class Fields {
  /** Durations of aami.yaml whose names do not say so ({@code agent.interval}, ...). */
  private static final Set<String> DURATION_SETTINGS = Set.of("interval", "budget", "lookback");

  private final YMap map;
  private final Diagnostics problems;
  private boolean valid = true;

  Fields(YMap map, Diagnostics problems) {
    this.map = map;
    this.problems = problems;
  }

  boolean valid() {
    return valid;
  }

  /** Marks the object invalid because a nested read (already reported) failed. */
  void invalidate() {
    valid = false;
  }

  SourceLocation location() {
    return map.location();
  }

  boolean has(String key) {
    return map.get(key).isPresent();
  }

  /** Where the value of {@code key} stands; the caller has checked that the key is present. */
  SourceLocation valueLocation(String key) {
    return map.get(key).orElseThrow().location();
  }

  String requiredString(String key) {
    Optional<YNode> node = map.get(key);
    if (node.isEmpty()) {
      fail(map.location(), Code.SCHEMA, "missing required field '" + key + "'");
      return null;
    }
    return string(key, node.get());
  }

  String optionalString(String key) {
    return map.get(key).map(node -> string(key, node)).orElse(null);
  }

  int integer(String key, int fallback) {
    Optional<YNode> node = map.get(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof YScalar s
        && s.value() instanceof Long l
        && l >= Integer.MIN_VALUE
        && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    String hint = "";
    if (node.get() instanceof YScalar s && (s.type() == YScalar.ScalarType.INTEGER)) {
      hint = " (the range is " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
    } else if (node.get() instanceof YScalar s && s.isString() && s.text().matches("[-+]?[0-9]+")) {
      hint = "; remove the quotes";
    }
    fail(
        node.get().location(),
        Code.PRIORITY,
        "'" + key + "' must be an integer, not " + describe(node.get()) + hint);
    return fallback;
  }

  boolean bool(String key, boolean fallback) {
    Optional<YNode> node = map.get(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof YScalar s && s.value() instanceof Boolean b) {
      return b;
    }
    fail(
        node.get().location(),
        Code.SCHEMA,
        "'" + key + "' must be true or false, not " + describe(node.get()));
    return fallback;
  }

  /** An open map of plain values (config, default_config); empty when absent. */
  Map<String, Object> plainMap(String key) {
    return optionalPlainMap(key).orElse(Map.of());
  }

  /** An open map of plain values when present and not null (a declared JSON Schema). */
  Optional<Map<String, Object>> optionalPlainMap(String key) {
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> plain =
        mapping(key).map(m -> (Map<String, Object>) YValues.toPlain(m));
    return plain;
  }

  /** The mappings of a list of mappings; each item that is not one is reported. */
  List<YMap> mappings(String key) {
    return list(
        key,
        item -> {
          if (item instanceof YMap m) {
            return m;
          }
          wrongShape(key + "[]", item, "a mapping");
          return null;
        });
  }

  /** A map whose values must be strings (labels, annotations). */
  Map<String, String> stringMap(String key) {
    Optional<YMap> m = mapping(key);
    if (m.isEmpty()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (YMap.Entry e : m.get().entries()) {
      String value = string(key + "." + e.name(), e.value());
      if (value != null) {
        result.put(e.name(), value);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  List<String> stringList(String key) {
    return list(key, item -> string(key + "[]", item));
  }

  /**
   * The items of the list at {@code key} that {@code item} accepts (it reports and answers null for
   * the others); a value that is not a list is reported.
   */
  private <T> List<T> list(String key, Function<YNode, T> item) {
    Optional<YNode> node = nonNull(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (!(node.get() instanceof YSeq seq)) {
      wrongShape(key, node.get(), "a list");
      return List.of();
    }
    List<T> result = new ArrayList<>();
    for (YNode value : seq.items()) {
      T accepted = item.apply(value);
      if (accepted != null) {
        result.add(accepted);
      }
    }
    return List.copyOf(result);
  }

  /** The mapping under {@code key}; empty when absent or null, and reported when not a mapping. */
  Optional<YMap> mapping(String key) {
    Optional<YNode> node = nonNull(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof YMap m) {
      return Optional.of(m);
    }
    wrongShape(key, node.get(), "a mapping");
    return Optional.empty();
  }

  private String string(String key, YNode node) {
    if (node instanceof YScalar s && s.isString()) {
      return s.text();
    }
    if (node instanceof YScalar s && s.plain() && s.type() != YScalar.ScalarType.NULL) {
      fail(node.location(), Code.YAML_TYPE_TRAP, typeTrapMessage(key, s));
    } else {
      fail(node.location(), Code.SCHEMA, "'" + key + "' must be a string, not " + describe(node));
    }
    return null;
  }

  static String typeTrapMessage(String key, YScalar scalar) {
    String name = key.substring(key.lastIndexOf('.') + 1);
    boolean duration =
        name.equals("timeout")
            || name.endsWith("for_duration")
            || name.endsWith("_for")
            || DURATION_SETTINGS.contains(name);
    if (duration && scalar.type() == YScalar.ScalarType.INTEGER && !scalar.text().equals("0")) {
      // Quoting alone would not help: a Prometheus duration needs a unit.
      return "'"
          + key
          + "' must be a Prometheus duration with a unit, not the number "
          + scalar.text()
          + "; write e.g. "
          + scalar.text()
          + "s";
    }
    if (duration && scalar.type() == YScalar.ScalarType.FLOAT) {
      // Nor would "1.5s": each unit takes a whole number.
      return "'"
          + key
          + "' must be a Prometheus duration with a unit, not the number "
          + scalar.text()
          + "; write whole numbers of units, e.g. 1m30s or 1500ms";
    }
    return "'"
        + key
        + "' must be a string, but YAML reads "
        + scalar.text()
        + " as "
        + withArticle(scalar.typeName())
        + "; quote it: \""
        + scalar.text()
        + "\"";
  }

  private static String withArticle(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** The value of {@code key}, or empty when it is absent or written as null (both mean "none"). */
  private Optional<YNode> nonNull(String key) {
    return map.get(key).filter(node -> !isNull(node));
  }

  private void wrongShape(String key, YNode node, String expected) {
    fail(
        node.location(),
        Code.SCHEMA,
        "'" + key + "' must be " + expected + ", not " + describe(node));
  }

  private void fail(SourceLocation at, Code code, String message) {
    valid = false;
    problems.error(at, code, message);
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL;
  }

  static String describe(YNode node) {
    if (node instanceof YScalar s) {
      return s.type() == YScalar.ScalarType.NULL ? "null" : "the " + s.typeName() + " " + s.text();
    }
    return node instanceof YMap ? "a mapping" : "a list";
  }
}
