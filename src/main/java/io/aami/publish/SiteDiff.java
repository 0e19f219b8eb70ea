package io.aami.publish;

import java.util.List;

/** How an output directory differs from the site a render would write; paths sorted. */
public record SiteDiff(List<String> added, List<String> removed, List<String> changed) {
  public SiteDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }
}
