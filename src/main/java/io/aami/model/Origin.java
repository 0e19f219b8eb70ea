package io.aami.model;

import io.aami.diag.SourceLocation;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a model object was declared: its document's YAML tree, kept so diagnostics, explanations
 * and future in-place edits can point at any field.
 */
public record Origin(String file, YMap document) {

  /**
   * The same origin without the document's tree: it still names the file and the document's line,
   * and every {@link #locate} falls back to that. For objects whose fields will not be pointed at
   * again (the targets of a validated repository being rendered), whose trees are most of the heap.
   */
  public Origin withoutTree() {
    return new Origin(
        file,
        new YMap(
            java.util.List.of(),
            document.location(),
            document.startOffset(),
            document.endOffset()));
  }

  public SourceLocation location() {
    return document.location();
  }

  /** The node at a path of keys (or decimal indexes into sequences), if present. */
  public Optional<YNode> node(String... path) {
    YNode current = document;
    for (String step : path) {
      if (current instanceof YMap map) {
        Optional<YNode> next = map.get(step);
        if (next.isEmpty()) {
          return Optional.empty();
        }
        current = next.get();
      } else if (current instanceof YSeq seq
          && step.chars().allMatch(Character::isDigit)
          && Integer.parseInt(step) < seq.items().size()) {
        current = seq.items().get(Integer.parseInt(step));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** The location of the value at {@code path}, or of its nearest existing ancestor. */
  public SourceLocation locate(String... path) {
    for (int n = path.length; n > 0; n--) {
      Optional<YNode> found = node(Arrays.copyOf(path, n));
      if (found.isPresent()) {
        return found.get().location();
      }
    }
    return location();
  }

  /**
   * The location of character {@code offset} of the string scalar at {@code path} when the scalar
   * is written on one line without escapes (plain or quoted), so that its characters are the
   * file's; otherwise the scalar's own location.
   */
  public SourceLocation locateWithin(int offset, String... path) {
    Optional<YNode> found = node(path);
    if (found.isEmpty()
        || !(found.get() instanceof YScalar scalar)
        || offset < 0
        || offset > scalar.text().length()) {
      return locate(path);
    }
    // Any escape, line fold or block indicator makes the source longer than the value by more than
    // its two quotes; then characters cannot be mapped one to one.
    int extra = scalar.endOffset() - scalar.startOffset() - scalar.text().length();
    if (scalar.text().indexOf('\n') >= 0 || extra != (scalar.plain() ? 0 : 2)) {
      return scalar.location();
    }
    SourceLocation at = scalar.location();
    return new SourceLocation(
        at.file(), at.line(), at.column() + extra / 2 + scalar.text().codePointCount(0, offset));
  }

  /** The location of the key of the entry at {@code path}, or of the value's nearest ancestor. */
  public SourceLocation locateKey(String... path) {
    if (path.length == 0) {
      return location();
    }
    Optional<YNode> parent = node(Arrays.copyOf(path, path.length - 1));
    if (parent.isPresent() && parent.get() instanceof YMap map) {
      Optional<YMap.Entry> entry = map.entry(path[path.length - 1]);
      if (entry.isPresent()) {
        return entry.get().key().location();
      }
    }
    return locate(path);
  }

  @Override
  public String toString() {
    return location().toString();
  }
}
