package io.aami.diff;

import java.util.List;

/** Targets and groups that appear, disappear, or whose group list changes. Sorted by id. */
public record InventoryChanges(List<String> targetsAdded, List<String> targetsRemoved,
    List<Move> targetsMoved, List<String> groupsAdded, List<String> groupsRemoved) {

  /** A target whose {@code groups} changed, in declared order on each side. */
  public record Move(String target, List<String> before, List<String> after) {
    public Move {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  public InventoryChanges {
    targetsAdded = List.copyOf(targetsAdded);
    targetsRemoved = List.copyOf(targetsRemoved);
    targetsMoved = List.copyOf(targetsMoved);
    groupsAdded = List.copyOf(groupsAdded);
    groupsRemoved = List.copyOf(groupsRemoved);
  }

  public boolean isEmpty() {
    return targetsAdded.isEmpty() && targetsRemoved.isEmpty() && targetsMoved.isEmpty()
        && groupsAdded.isEmpty() && groupsRemoved.isEmpty();
  }
}
