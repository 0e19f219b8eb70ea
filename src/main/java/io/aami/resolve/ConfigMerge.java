package io.aami.resolve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one merge rule of check configs: maps merge key by key, recursively; any other value (scalar,
 * list, null) of the override replaces the default whole.
 */
public final class ConfigMerge {
  private ConfigMerge() {}

  /** Which layer a leaf of the merged config came from. */
  public enum Layer {
    DEFAULT,
    OVERRIDE
  }

  /**
   * One leaf of a merged config: its key path, its value, the layer it came from, and whether it
   * replaced a value the default layer had at the same path.
   */
  public record Leaf(List<String> path, Object value, Layer layer, boolean replacedDefault) {}

  /** {@code defaults} deep-merged with {@code overrides}; every map in the result is sorted. */
  public static Map<String, Object> merge(
      Map<String, Object> defaults, Map<String, Object> overrides) {
    Map<String, Object> result = new TreeMap<>();
    for (String key : keys(defaults, overrides)) {
      boolean overridden = overrides.containsKey(key);
      Object base = defaults.get(key);
      Object top = overrides.get(key);
      if (overridden && base instanceof Map<?, ?> baseMap && top instanceof Map<?, ?> topMap) {
        result.put(key, merge(asStringMap(baseMap), asStringMap(topMap)));
      } else {
        result.put(key, sorted(overridden ? top : base));
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * Every leaf of the merged config, in key order, with its provenance: rebuilding a map from the
   * leaves gives exactly {@link #merge}. Maps that merge are descended into, so a nested default
   * kept beside a nested override is reported per leaf key path. An empty merged map is a leaf, and
   * so is an override that replaces a non-map default whole (even when the override is a map).
   */
  public static List<Leaf> leaves(Map<String, Object> defaults, Map<String, Object> overrides) {
    List<Leaf> leaves = new ArrayList<>();
    collect(List.of(), defaults, overrides, leaves);
    return leaves;
  }

  private static void collect(
      List<String> at,
      Map<String, Object> defaults,
      Map<String, Object> overrides,
      List<Leaf> out) {
    for (String key : keys(defaults, overrides)) {
      List<String> path = append(at, key);
      boolean inDefaults = defaults.containsKey(key);
      Object base = defaults.get(key);
      Object top = overrides.get(key);
      if (!overrides.containsKey(key)) {
        if (base instanceof Map<?, ?> baseMap && !baseMap.isEmpty()) {
          collect(path, asStringMap(baseMap), Map.of(), out);
        } else {
          out.add(new Leaf(path, sorted(base), Layer.DEFAULT, false));
        }
      } else if (top instanceof Map<?, ?> topMap && (base instanceof Map<?, ?> || !inDefaults)) {
        Map<String, Object> under =
            base instanceof Map<?, ?> baseMap ? asStringMap(baseMap) : Map.of();
        if (under.isEmpty() && topMap.isEmpty()) {
          out.add(new Leaf(path, sorted(top), Layer.OVERRIDE, inDefaults));
        } else {
          collect(path, under, asStringMap(topMap), out);
        }
      } else {
        out.add(new Leaf(path, sorted(top), Layer.OVERRIDE, inDefaults));
      }
    }
  }

  /** The value at {@code path} in {@code config} (maps sorted), or null when there is none. */
  static Object valueAt(Map<String, Object> config, List<String> path) {
    Object at = config;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(key);
    }
    return sorted(at);
  }

  private static Set<String> keys(Map<String, Object> a, Map<String, Object> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new ArrayList<>(path);
    longer.add(key);
    return List.copyOf(longer);
  }

  /** A deep copy with every map sorted by key, so output never depends on hash order. */
  static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(sorted(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asStringMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
