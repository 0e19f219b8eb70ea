package io.aami.author;

import io.aami.edit.PlainValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Field changes applied to a document's plain values. */
final class Documents {
  private Documents() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> mutableCopy(Map<String, Object> doc) {
    return (Map<String, Object>) copy(doc);
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put((String) k, copy(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      List<Object> result = new ArrayList<>();
      list.forEach(v -> result.add(copy(v)));
      return result;
    }
    return value;
  }

  /** Applies {@code change}; a message when its path runs through something that is no mapping. */
  @SuppressWarnings("unchecked")
  static Optional<String> apply(Map<String, Object> doc, FieldChange change) {
    List<String> path = change.path();
    Map<String, Object> parent = doc;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = parent.get(path.get(i));
      if (next == null && change instanceof FieldChange.Remove) {
        return Optional.empty();
      }
      if (next == null) {
        next = new LinkedHashMap<String, Object>();
        parent.put(path.get(i), next);
      }
      if (!(next instanceof Map)) {
        return Optional.of(
            "cannot set "
                + String.join(".", path)
                + ": "
                + String.join(".", path.subList(0, i + 1))
                + " is not a mapping");
      }
      parent = (Map<String, Object>) next;
    }
    String last = path.get(path.size() - 1);
    if (change instanceof FieldChange.Set set) {
      parent.put(last, copy(PlainValues.normalize(set.value())));
    } else {
      parent.remove(last);
    }
    return Optional.empty();
  }
}
