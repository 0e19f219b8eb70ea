package io.aami.yaml;

import io.aami.diag.SourceLocation;
import java.util.List;
import java.util.Optional;

/** A mapping with string keys, in source order. Duplicate keys are rejected by the reader. */
public record YMap(List<Entry> entries, SourceLocation location, int startOffset, int endOffset)
    implements YNode {

  public record Entry(YScalar key, YNode value) {
    public String name() {
      return key.text();
    }
  }

  public YMap {
    entries = List.copyOf(entries);
  }

  @Override
  public String typeName() {
    return "object";
  }

  public Optional<YNode> get(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) {
        return Optional.of(e.value());
      }
    }
    return Optional.empty();
  }

  public Optional<Entry> entry(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
