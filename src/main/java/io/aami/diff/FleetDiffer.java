package io.aami.diff;

import io.aami.alert.AlertPlan;
import io.aami.alert.ExpandedAlert;
import io.aami.alert.ExpandedRecord;
import io.aami.alert.GlobalAlertRules;
import io.aami.alert.RulePlan;
import io.aami.model.Group;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.GroupSetResolution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares two resolved repositories: what every target runs, what every group alerts on and
 * scrapes, and the inventory.
 *
 * <p>Cost: both resolutions are memoized per distinct group set, and the comparison of two check
 * lists is memoized per pair of resolutions, so the work is linear in targets plus the distinct
 * (base, head) group-set pairs times their checks. Targets whose changes are equal share one {@link
 * TargetChanges}, found by hashing each distinct change list once.
 */
public final class FleetDiffer {
  private FleetDiffer() {}

  public static FleetDiff compare(Repository base, Repository head) {
    CheckResolver before = CheckResolver.of(base);
    CheckResolver after = CheckResolver.of(head);
    IdentityHashMap<GroupSetResolution, Map<GroupSetResolution, List<CheckChange>>> memo =
        new IdentityHashMap<>();
    IdentityHashMap<List<CheckChange>, List<Target>> byChanges = new IdentityHashMap<>();
    int newCheckLists = 0;
    List<String> added = new ArrayList<>();
    List<InventoryChanges.Move> moved = new ArrayList<>();
    List<InventoryChanges.Edit> edited = new ArrayList<>();
    for (Target target : head.targets()) {
      Target old = base.target(target.id()).orElse(null);
      if (old == null) {
        added.add(target.id());
        newCheckLists++;
        continue;
      }
      if (!old.groups().equals(target.groups())) {
        moved.add(new InventoryChanges.Move(target.id(), old.groups(), target.groups()));
      }
      List<FieldChange> edits = edits(old, target);
      if (!edits.isEmpty()) {
        edited.add(new InventoryChanges.Edit(target.id(), edits));
      }
      GroupSetResolution b = before.resolve(old);
      GroupSetResolution a = after.resolve(target);
      List<CheckChange> changes =
          memo.computeIfAbsent(b, k -> new IdentityHashMap<>())
              .computeIfAbsent(a, k -> CheckComparison.compare(b.checks(), a.checks()));
      if (!changes.isEmpty()) {
        byChanges.computeIfAbsent(changes, k -> new ArrayList<>()).add(target);
        newCheckLists++;
      }
    }
    List<String> removed =
        base.targets().stream()
            .map(Target::id)
            .filter(id -> head.target(id).isEmpty())
            .sorted()
            .toList();
    InventoryChanges inventory =
        new InventoryChanges(
            sorted(added),
            removed,
            moved.stream().sorted(Comparator.comparing(InventoryChanges.Move::target)).toList(),
            edited.stream().sorted(Comparator.comparing(InventoryChanges.Edit::target)).toList(),
            sorted(newIds(head.groups(), base)),
            sorted(newIds(base.groups(), head)));
    return new FleetDiff(grouped(byChanges), groups(base, head), inventory, newCheckLists);
  }

  private static List<FieldChange> edits(Target before, Target after) {
    List<FieldChange> fields = new ArrayList<>();
    if (!before.hostname().equals(after.hostname())) {
      fields.add(new FieldChange("hostname", before.hostname(), after.hostname()));
    }
    if (!before.address().equals(after.address())) {
      fields.add(new FieldChange("address", before.address(), after.address()));
    }
    fields.addAll(CheckComparison.ValuePaths.changes("labels", before.labels(), after.labels()));
    return fields;
  }

  /** One entry per distinct change list (equal lists from different group-set pairs merge). */
  private static List<TargetChanges> grouped(Map<List<CheckChange>, List<Target>> byIdentity) {
    Map<List<CheckChange>, List<Target>> byValue = new LinkedHashMap<>();
    byIdentity.forEach(
        (changes, targets) ->
            byValue.computeIfAbsent(changes, k -> new ArrayList<>()).addAll(targets));
    List<TargetChanges> entries = new ArrayList<>();
    byValue.forEach(
        (changes, targets) -> {
          Set<String> groups = new TreeSet<>();
          targets.forEach(t -> groups.add(Objects.requireNonNullElse(t.primaryGroup(), "")));
          groups.remove("");
          entries.add(
              new TargetChanges(
                  sorted(targets.stream().map(Target::id).toList()), List.copyOf(groups), changes));
        });
    entries.sort(Comparator.comparing((TargetChanges e) -> e.targets().get(0)));
    return entries;
  }

  private static List<GroupChanges> groups(Repository base, Repository head) {
    Map<String, Map<String, ExpandedAlert>> alertsBefore = renderedAlerts(base);
    Map<String, Map<String, ExpandedAlert>> alertsAfter = renderedAlerts(head);
    Map<String, Map<String, ExpandedRecord>> recordsBefore = records(base);
    Map<String, Map<String, ExpandedRecord>> recordsAfter = records(head);
    Map<String, Set<String>> membersBefore = members(base);
    Map<String, Set<String>> membersAfter = members(head);
    TreeSet<String> ids = new TreeSet<>(alertsBefore.keySet());
    ids.addAll(alertsAfter.keySet());
    ids.addAll(recordsBefore.keySet());
    ids.addAll(recordsAfter.keySet());
    ids.addAll(membersBefore.keySet());
    ids.addAll(membersAfter.keySet());
    List<GroupChanges> changes = new ArrayList<>();
    for (String id : ids) {
      Set<String> b = membersBefore.getOrDefault(id, Set.of());
      Set<String> a = membersAfter.getOrDefault(id, Set.of());
      List<AlertChange> rules =
          new ArrayList<>(
              AlertComparison.compareRecords(
                  recordsBefore.getOrDefault(id, Map.of()),
                  recordsAfter.getOrDefault(id, Map.of())));
      rules.addAll(
          AlertComparison.compare(
              alertsBefore.getOrDefault(id, Map.of()), alertsAfter.getOrDefault(id, Map.of())));
      GroupChanges group =
          new GroupChanges(
              id,
              rules,
              a.stream().filter(t -> !b.contains(t)).sorted().toList(),
              b.stream().filter(t -> !a.contains(t)).sorted().toList());
      if (!group.isEmpty()) {
        changes.add(group);
      }
    }
    return changes;
  }

  /** Group id (or aami-global for the global rules) to rule id to its rendered alert. */
  public static Map<String, Map<String, ExpandedAlert>> renderedAlerts(Repository repository) {
    Map<String, Map<String, ExpandedAlert>> byGroup = new TreeMap<>();
    for (AlertPlan.GroupAlerts group : AlertPlan.build(repository)) {
      Map<String, ExpandedAlert> byRule = new LinkedHashMap<>();
      group.alerts().forEach(alert -> byRule.put(alert.rule().id(), alert));
      byGroup.put(group.group().id(), byRule);
    }
    // Global rules under the id validation reserves for their files: no group can have it.
    Map<String, ExpandedAlert> global = new LinkedHashMap<>();
    AlertPlan.global(repository).forEach(alert -> global.put(alert.rule().id(), alert));
    if (!global.isEmpty()) {
      byGroup.put(GlobalAlertRules.RESERVED_ID, global);
    }
    return byGroup;
  }

  /** Group id (or aami-global) to recording rule id to its rendered rule. */
  private static Map<String, Map<String, ExpandedRecord>> records(Repository repository) {
    Map<String, Map<String, ExpandedRecord>> byGroup = new TreeMap<>();
    for (RulePlan.GroupRules group : RulePlan.build(repository)) {
      Map<String, ExpandedRecord> byRule = new LinkedHashMap<>();
      group.ruleGroups().forEach(g -> g.records().forEach(r -> byRule.put(r.rule().id(), r)));
      if (!byRule.isEmpty()) {
        byGroup.put(group.group().id(), byRule);
      }
    }
    Map<String, ExpandedRecord> global = new LinkedHashMap<>();
    RulePlan.global(repository, GlobalAlertRules.RESERVED_ID)
        .forEach(g -> g.records().forEach(r -> global.put(r.rule().id(), r)));
    if (!global.isEmpty()) {
      byGroup.put(GlobalAlertRules.RESERVED_ID, global);
    }
    return byGroup;
  }

  /**
   * The file_sd target list of each group: every target that has the group anywhere in its groups.
   */
  private static Map<String, Set<String>> members(Repository repository) {
    Map<String, Set<String>> members = new TreeMap<>();
    repository
        .groupMembers()
        .forEach(
            (group, targets) ->
                members.put(group, targets.stream().map(Target::id).collect(Collectors.toSet())));
    return members;
  }

  private static List<String> newIds(List<Group> groups, Repository other) {
    return groups.stream().map(Group::id).filter(id -> other.group(id).isEmpty()).toList();
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }
}
