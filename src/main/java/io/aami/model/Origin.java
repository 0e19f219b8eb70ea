package io.aami.model;

import io.aami.diag.SourceLocation;
import io.aami.yaml.ScalarLocator;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YSeq;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

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
   * Character offset of the value at {@code path} to where it was written, through {@code locator}
   * (the one way aami points inside a scalar, whatever its style); {@link #locate} of the path for
   * every character when nothing is at the path.
   */
  public IntFunction<SourceLocation> within(ScalarLocator locator, String... path) {
    Optional<YNode> found = node(path);
    return found.isPresent() ? locator.within(file, found.get()) : offset -> locate(path);
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
