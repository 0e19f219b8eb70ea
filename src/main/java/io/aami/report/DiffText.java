package io.aami.report;

import io.aami.diff.AlertChange;
import io.aami.diff.CheckChange;
import io.aami.diff.DiffSummary;
import io.aami.diff.FieldChange;
import io.aami.diff.FleetDiff;
import io.aami.diff.GroupChanges;
import io.aami.diff.InventoryChanges;
import io.aami.diff.TargetChanges;
import io.aami.live.WouldFire;
import java.util.List;

/** The terminal format of {@code aami diff}. Target lists are abbreviated; json has them all. */
final class DiffText {
  private DiffText() {}

  static String format(FleetDiff diff, String base, String head, WouldFire.Lookup firing) {
    StringBuilder out = new StringBuilder();
    out.append("aami diff: ")
        .append(TerminalText.escaped(base))
        .append(" → ")
        .append(TerminalText.escaped(head))
        .append("\n\n");
    for (String line : DiffSummary.lines(diff)) {
      out.append("  ").append(TerminalText.escaped(line)).append('\n');
    }
    if (!diff.targets().isEmpty()) {
      out.append("\nTargets:\n");
      for (TargetChanges entry : diff.targets()) {
        out.append("  ").append(TerminalText.escaped(DiffSummary.ids(entry.targets(), "targets")));
        if (!entry.groups().isEmpty()) {
          out.append(" in ")
              .append(TerminalText.escaped(DiffSummary.ids(entry.groups(), "groups")));
        }
        out.append('\n');
        for (CheckChange check : entry.checks()) {
          out.append("    check ")
              .append(TerminalText.escaped(check.check()))
              .append(' ')
              .append(check.kind().name().toLowerCase(java.util.Locale.ROOT))
              .append('\n');
          fields(out, "      ", check.fields());
        }
      }
    }
    if (!diff.groups().isEmpty()) {
      out.append("\nGroups:\n");
      for (GroupChanges group : diff.groups()) {
        out.append("  ").append(TerminalText.escaped(group.group())).append('\n');
        for (AlertChange alert : group.alerts()) {
          out.append("    ")
              .append(alert.ruleNoun())
              .append(' ')
              .append(TerminalText.escaped(alert.rule()))
              .append(" (")
              .append(TerminalText.escaped(alert.alert()))
              .append(") ")
              .append(alert.kind().name().toLowerCase(java.util.Locale.ROOT))
              .append('\n');
          fields(out, "      ", alert.fields());
          firing
              .of(group.group(), alert.rule())
              .ifPresent(
                  now ->
                      out.append("      ").append(TerminalText.escaped(now.text())).append('\n'));
        }
        members(out, "    ", "joins file_sd", group.targetsJoining(), "targets");
        members(out, "    ", "leaves file_sd", group.targetsLeaving(), "targets");
      }
    }
    InventoryChanges inv = diff.inventory();
    if (!inv.isEmpty()) {
      out.append("\nInventory:\n");
      members(out, "  ", "targets added", inv.targetsAdded(), "targets");
      members(out, "  ", "targets removed", inv.targetsRemoved(), "targets");
      for (InventoryChanges.Move move : inv.targetsMoved()) {
        out.append("  target ")
            .append(TerminalText.escaped(move.target()))
            .append(" groups ")
            .append(DiffSummary.value(move.before()))
            .append(" → ")
            .append(DiffSummary.value(move.after()))
            .append('\n');
      }
      for (InventoryChanges.Edit edit : inv.targetsEdited()) {
        out.append("  target ").append(TerminalText.escaped(edit.target())).append(" changed\n");
        fields(out, "    ", edit.fields());
      }
      members(out, "  ", "groups added", inv.groupsAdded(), "groups");
      members(out, "  ", "groups removed", inv.groupsRemoved(), "groups");
    }
    return out.toString();
  }

  private static void fields(StringBuilder out, String indent, List<FieldChange> fields) {
    for (FieldChange f : fields) {
      out.append(indent)
          .append(TerminalText.escaped(f.path()))
          .append(": ")
          .append(TerminalText.escaped(oneLine(DiffSummary.value(f.before()))))
          .append(" → ")
          .append(TerminalText.escaped(oneLine(DiffSummary.value(f.after()))))
          .append('\n');
    }
  }

  private static void members(
      StringBuilder out, String indent, String label, List<String> ids, String noun) {
    if (!ids.isEmpty()) {
      out.append(indent)
          .append(label)
          .append(": ")
          .append(TerminalText.escaped(DiffSummary.ids(ids, noun)))
          .append('\n');
    }
  }

  static String oneLine(String value) {
    return value.replace("\r\n", "\n").replace('\n', ' ');
  }
}
