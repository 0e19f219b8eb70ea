package io.aami.diff;

import java.util.List;

/**
 * Targets and groups that appear or disappear, targets whose group list changes, and targets whose
 * hostname, address or labels change (what file_sd and the published paths carry). Sorted by id.
 */
public record InventoryChanges(
    List<String> targetsAdded,
    List<String> targetsRemoved,
    List<Move> targetsMoved,
    List<Edit> targetsEdited,
    List<String> groupsAdded,
    List<String> groupsRemoved) {

  /** A target whose {@code hostname}, {@code address} or {@code labels.<name>} changed. */
  public record Edit(String target, List<FieldChange> fields) {
    public Edit {
      fields = List.copyOf(fields);
    }
  }

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
    targetsEdited = List.copyOf(targetsEdited);
    groupsAdded = List.copyOf(groupsAdded);
    groupsRemoved = List.copyOf(groupsRemoved);
  }

  public boolean isEmpty() {
    return targetsAdded.isEmpty()
        && targetsRemoved.isEmpty()
        && targetsMoved.isEmpty()
        && targetsEdited.isEmpty()
        && groupsAdded.isEmpty()
        && groupsRemoved.isEmpty();
  }
}
