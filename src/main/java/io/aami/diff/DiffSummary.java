package io.aami.diff;

import io.aami.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-line descriptions every diff format starts with, most consequential first: which targets'
 * checks change and how, which alerts change, who joins or leaves a group's scrape list, the
 * inventory, and how many nodes will download a new check list.
 */
public final class DiffSummary {
  /** Lists longer than this are shown as "first … last (N targets)". */
  static final int LISTED = 3;

  private DiffSummary() {}

  public static List<String> lines(FleetDiff diff) {
    List<String> lines = new ArrayList<>();
    diff.targets().forEach(entry -> lines.add(targets(entry)));
    diff.groups().forEach(group -> lines.addAll(group(group)));
    InventoryChanges inv = diff.inventory();
    if (!inv.targetsAdded().isEmpty()) {
      lines.add(
          count(inv.targetsAdded().size(), "target")
              + " added: "
              + ids(inv.targetsAdded(), "targets"));
    }
    if (!inv.targetsRemoved().isEmpty()) {
      lines.add(
          count(inv.targetsRemoved().size(), "target")
              + " removed: "
              + ids(inv.targetsRemoved(), "targets"));
    }
    if (!inv.targetsMoved().isEmpty()) {
      lines.add(
          count(inv.targetsMoved().size(), "target")
              + " moved between groups: "
              + ids(
                  inv.targetsMoved().stream().map(InventoryChanges.Move::target).toList(),
                  "targets"));
    }
    if (!inv.targetsEdited().isEmpty()) {
      lines.add(
          count(inv.targetsEdited().size(), "target")
              + " with a new hostname, address or labels: "
              + ids(
                  inv.targetsEdited().stream().map(InventoryChanges.Edit::target).toList(),
                  "targets"));
    }
    if (!inv.groupsAdded().isEmpty()) {
      lines.add(
          count(inv.groupsAdded().size(), "group") + " added: " + ids(inv.groupsAdded(), "groups"));
    }
    if (!inv.groupsRemoved().isEmpty()) {
      lines.add(
          count(inv.groupsRemoved().size(), "group")
              + " removed: "
              + ids(inv.groupsRemoved(), "groups"));
    }
    if (diff.newCheckLists() > 0) {
      lines.add(
          diff.newCheckLists()
              + (diff.newCheckLists() == 1 ? " node" : " nodes")
              + " will download a new check list");
    }
    if (lines.isEmpty()) {
      lines.add("no changes for the fleet");
    }
    return lines;
  }

  /** "12 targets in gpu-cluster: mount_points config changes (paths)". */
  public static String targets(TargetChanges entry) {
    String who =
        entry.targets().size() == 1
            ? "target " + entry.targets().get(0)
            : count(entry.targets().size(), "target");
    String where =
        entry.groups().isEmpty()
            ? ""
            : " in "
                + (entry.groups().size() <= LISTED
                    ? String.join(", ", entry.groups())
                    : entry.groups().size() + " groups");
    List<String> what = new ArrayList<>();
    entry.checks().forEach(c -> what.add(check(c)));
    return who + where + ": " + String.join("; ", what);
  }

  static String check(CheckChange change) {
    return switch (change.kind()) {
      case ADDED -> change.check() + " added";
      case REMOVED -> change.check() + " removed";
      case CHANGED -> change.check() + " " + aspects(change.fields());
    };
  }

  private static String aspects(List<FieldChange> fields) {
    List<String> config = new ArrayList<>();
    List<String> other = new ArrayList<>();
    boolean versionChanged = fields.stream().anyMatch(f -> f.path().equals("script.version"));
    for (FieldChange f : fields) {
      if (f.path().startsWith("config.")) {
        config.add(f.path().substring("config.".length()));
      } else if (f.path().equals("script.version")) {
        other.add("script " + value(f.before()) + " → " + value(f.after()));
      } else if (f.path().equals("script.hash")) {
        if (!versionChanged) {
          other.add("script content changes");
        }
      } else if (f.path().equals("timeout_seconds")) {
        other.add("timeout " + value(f.before()) + "s → " + value(f.after()) + "s");
      } else if (f.path().equals("policy")) {
        other.add("now from policy " + value(f.after()) + " (was " + value(f.before()) + ")");
      } else {
        other.add(f.path() + " " + value(f.before()) + " → " + value(f.after()));
      }
    }
    List<String> all = new ArrayList<>();
    if (!config.isEmpty()) {
      all.add("config changes (" + String.join(", ", config) + ")");
    }
    all.addAll(other);
    return String.join(", ", all);
  }

  private static List<String> group(GroupChanges group) {
    List<String> lines = new ArrayList<>();
    if (!group.alerts().isEmpty()) {
      List<String> what = new ArrayList<>();
      group.alerts().forEach(a -> what.add(alert(a)));
      lines.add(
          count(group.alerts().size(), "alert rule")
              + " in "
              + group.group()
              + ": "
              + String.join("; ", what));
    }
    if (!group.targetsJoining().isEmpty() || !group.targetsLeaving().isEmpty()) {
      List<String> what = new ArrayList<>();
      if (!group.targetsJoining().isEmpty()) {
        what.add(
            "+"
                + count(group.targetsJoining().size(), "target")
                + " ("
                + ids(group.targetsJoining(), "targets")
                + ")");
      }
      if (!group.targetsLeaving().isEmpty()) {
        what.add(
            "-"
                + count(group.targetsLeaving().size(), "target")
                + " ("
                + ids(group.targetsLeaving(), "targets")
                + ")");
      }
      lines.add("file_sd of " + group.group() + ": " + String.join(", ", what));
    }
    return lines;
  }

  static String alert(AlertChange change) {
    return switch (change.kind()) {
      case ADDED -> change.rule() + " added (" + change.alert() + ")";
      case REMOVED -> change.rule() + " removed (" + change.alert() + ")";
      case CHANGED ->
          change.rule()
              + " "
              + String.join(
                  ", ",
                  change.fields().stream()
                      .map(
                          f ->
                              switch (f.path()) {
                                case "expr" -> "expr changes";
                                case "alert" ->
                                    "renamed " + value(f.before()) + " → " + value(f.after());
                                default ->
                                    f.path() + " " + value(f.before()) + " → " + value(f.after());
                              })
                      .toList());
    };
  }

  /** "a, b, c" or "first … last (N targets)". */
  public static String ids(List<String> ids, String noun) {
    if (ids.size() <= LISTED) {
      return String.join(", ", ids);
    }
    return ids.get(0) + " … " + ids.get(ids.size() - 1) + " (" + ids.size() + " " + noun + ")";
  }

  /** A value as a reviewer reads it: strings bare, absent as "(none)", the rest as compact JSON. */
  public static String value(Object value) {
    if (value == null) {
      return "(none)";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return CanonicalJson.oneLine(value);
    }
    return String.valueOf(value);
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
