package io.aami.diff;

import io.aami.resolve.EffectiveCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares the effective checks of one target at base and head, field by field. */
final class CheckComparison {
  private CheckComparison() {}

  /**
   * Every check that is added, removed or changed, by check name. Empty when the lists are equal.
   */
  static List<CheckChange> compare(List<EffectiveCheck> base, List<EffectiveCheck> head) {
    Map<String, EffectiveCheck> before = byName(base);
    Map<String, EffectiveCheck> after = byName(head);
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    List<CheckChange> changes = new ArrayList<>();
    for (String name : names) {
      EffectiveCheck b = before.get(name);
      EffectiveCheck a = after.get(name);
      if (b == null) {
        changes.add(new CheckChange(name, CheckChange.Kind.ADDED, List.of()));
      } else if (a == null) {
        changes.add(new CheckChange(name, CheckChange.Kind.REMOVED, List.of()));
      } else {
        List<FieldChange> fields = fields(b, a);
        if (!fields.isEmpty()) {
          changes.add(new CheckChange(name, CheckChange.Kind.CHANGED, fields));
        }
      }
    }
    return List.copyOf(changes);
  }

  private static Map<String, EffectiveCheck> byName(List<EffectiveCheck> checks) {
    Map<String, EffectiveCheck> map = new LinkedHashMap<>();
    checks.forEach(c -> map.put(c.name(), c));
    return map;
  }

  /** Config first (what reviewers look for), then script, timeout, winning policy, the rest. */
  private static List<FieldChange> fields(EffectiveCheck b, EffectiveCheck a) {
    List<FieldChange> fields =
        new ArrayList<>(ValuePaths.changes("config", b.config(), a.config()));
    add(fields, "script.version", b.version(), a.version());
    add(fields, "script.hash", b.hash(), a.hash());
    add(fields, "timeout_seconds", b.timeoutSeconds(), a.timeoutSeconds());
    add(fields, "policy", b.instanceId(), a.instanceId());
    add(fields, "language", b.language().id(), a.language().id());
    add(fields, "script_type", b.scriptType(), a.scriptType());
    return fields;
  }

  /** Adds a change of {@code path} when the two values differ. */
  static void add(List<FieldChange> into, String path, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      into.add(new FieldChange(path, before, after));
    }
  }

  /** Nested maps as dotted paths; lists and scalars are leaves. */
  static final class ValuePaths {
    private ValuePaths() {}

    static List<FieldChange> changes(String prefix, Map<String, ?> before, Map<String, ?> after) {
      Map<String, Object> b = new TreeMap<>();
      Map<String, Object> a = new TreeMap<>();
      flatten(prefix, before, b);
      flatten(prefix, after, a);
      TreeSet<String> paths = new TreeSet<>(b.keySet());
      paths.addAll(a.keySet());
      List<FieldChange> changes = new ArrayList<>();
      for (String path : paths) {
        Object x = b.get(path);
        Object y = a.get(path);
        if (!Objects.equals(x, y) || b.containsKey(path) != a.containsKey(path)) {
          changes.add(new FieldChange(path, x, y));
        }
      }
      return changes;
    }

    private static void flatten(String prefix, Map<String, ?> map, Map<String, Object> into) {
      map.forEach(
          (key, value) -> {
            String path = prefix + "." + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
              @SuppressWarnings("unchecked")
              Map<String, ?> typed = (Map<String, ?>) nested;
              flatten(path, typed, into);
            } else {
              into.put(path, value);
            }
          });
    }
  }
}
