package io.aami.yaml;

import io.aami.diag.SourceLocation;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping with string keys, in source order. Duplicate keys are rejected by the reader. Lookups
 * by key are constant time: {@code index} is derived from {@code entries} (whatever is passed for
 * it) for maps large enough that a scan per lookup would make per-key checks quadratic.
 */
public record YMap(
    List<Entry> entries,
    SourceLocation location,
    int startOffset,
    int endOffset,
    Map<String, Entry> index)
    implements YNode {
  private static final int INDEXED_FROM = 9;

  public record Entry(YScalar key, YNode value) {
    public String name() {
      return key.text();
    }
  }

  public YMap {
    entries = List.copyOf(entries);
    index = indexOf(entries);
  }

  public YMap(List<Entry> entries, SourceLocation location, int startOffset, int endOffset) {
    this(entries, location, startOffset, endOffset, null);
  }

  private static Map<String, Entry> indexOf(List<Entry> entries) {
    if (entries.size() < INDEXED_FROM) {
      return null;
    }
    Map<String, Entry> index = new HashMap<>(entries.size() * 2);
    for (Entry e : entries) {
      index.putIfAbsent(e.name(), e);
    }
    return Collections.unmodifiableMap(index);
  }

  @Override
  public String typeName() {
    return "object";
  }

  public Optional<YNode> get(String key) {
    return entry(key).map(Entry::value);
  }

  public Optional<Entry> entry(String key) {
    if (index != null) {
      return Optional.ofNullable(index.get(key));
    }
    for (Entry e : entries) {
      if (e.name().equals(key)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
