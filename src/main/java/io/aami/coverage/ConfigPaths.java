package io.aami.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Config values as dotted leaf paths, to say which keys a policy changed from the default. */
final class ConfigPaths {
  private ConfigPaths() {}

  /** Paths of {@code merged} whose value is not the one in {@code defaults}, sorted. */
  static List<String> changed(Map<String, Object> defaults, Map<String, Object> merged) {
    Map<String, Object> before = flatten(defaults);
    List<String> changed = new ArrayList<>();
    flatten(merged)
        .forEach(
            (path, value) -> {
              if (!before.containsKey(path) || !Objects.equals(before.get(path), value)) {
                changed.add(path);
              }
            });
    return changed;
  }

  static Map<String, Object> flatten(Map<String, Object> config) {
    Map<String, Object> leaves = new TreeMap<>();
    flattenInto("", config, leaves);
    return leaves;
  }

  @SuppressWarnings("unchecked")
  private static void flattenInto(String prefix, Map<String, Object> map, Map<String, Object> out) {
    map.forEach(
        (key, value) -> {
          String path = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            flattenInto(path, (Map<String, Object>) nested, out);
          } else {
            out.put(path, value);
          }
        });
  }
}
