package io.aami.diff;

import java.util.List;

/**
 * What a change does to the fleet between two revisions. {@code newCheckLists} counts the targets
 * (existing or new) whose published check list differs, i.e. the nodes that will download a new
 * one; targets that disappear are not counted.
 */
public record FleetDiff(
    List<TargetChanges> targets,
    List<GroupChanges> groups,
    InventoryChanges inventory,
    int newCheckLists) {

  public FleetDiff {
    targets = List.copyOf(targets);
    groups = List.copyOf(groups);
  }

  public boolean isEmpty() {
    return targets.isEmpty() && groups.isEmpty() && inventory.isEmpty() && newCheckLists == 0;
  }
}
