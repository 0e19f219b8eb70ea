package io.aami.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.diff.AlertChange;
import io.aami.diff.CheckChange;
import io.aami.diff.DiffSummary;
import io.aami.diff.FieldChange;
import io.aami.diff.FleetDiff;
import io.aami.diff.GroupChanges;
import io.aami.diff.InventoryChanges;
import io.aami.diff.TargetChanges;
import io.aami.json.CanonicalJson;
import io.aami.json.Json;
import io.aami.live.WouldFire;
import java.util.List;
import java.util.Locale;

/**
 * The machine format of {@code aami diff} (docs/DIFF.md). Field names and order are a contract:
 * {@code format_version} changes if they ever do. Lists are complete (never abbreviated).
 */
final class DiffJson {
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper MAPPER = Json.MAPPER;

  private DiffJson() {}

  static String format(FleetDiff diff, String base, String head, WouldFire.Lookup firing) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("base", base);
    root.put("head", head);
    root.put("changed", !diff.isEmpty());
    root.put("new_check_lists", diff.newCheckLists());
    strings(root.putArray("summary"), DiffSummary.lines(diff));
    ArrayNode targets = root.putArray("targets");
    for (TargetChanges entry : diff.targets()) {
      ObjectNode item = targets.addObject();
      strings(item.putArray("targets"), entry.targets());
      strings(item.putArray("groups"), entry.groups());
      ArrayNode checks = item.putArray("checks");
      for (CheckChange c : entry.checks()) {
        ObjectNode check = checks.addObject();
        check.put("check", c.check());
        check.put("change", c.kind().name().toLowerCase(Locale.ROOT));
        fields(check.putArray("fields"), c.fields());
      }
    }
    ArrayNode groups = root.putArray("groups");
    for (GroupChanges g : diff.groups()) {
      ObjectNode group = groups.addObject();
      group.put("group", g.group());
      ArrayNode alerts = group.putArray("alerts");
      for (AlertChange a : g.alerts()) {
        ObjectNode alert = alerts.addObject();
        alert.put("rule", a.rule());
        alert.put("alert", a.alert());
        alert.put("change", a.kind().name().toLowerCase(Locale.ROOT));
        if (a.recording()) {
          alert.put("recording", true);
        }
        fields(alert.putArray("fields"), a.fields());
        firing
            .of(g.group(), a.rule())
            .ifPresent(
                now -> {
                  ObjectNode n = alert.putObject("firing_now");
                  now.after().ifPresent(count -> n.put("series", count));
                  now.before().ifPresent(count -> n.put("series_before", count));
                  now.problem().ifPresent(problem -> n.put("error", problem));
                });
      }
      ObjectNode fileSd = group.putObject("file_sd");
      strings(fileSd.putArray("joining"), g.targetsJoining());
      strings(fileSd.putArray("leaving"), g.targetsLeaving());
    }
    InventoryChanges inv = diff.inventory();
    ObjectNode inventory = root.putObject("inventory");
    strings(inventory.putArray("targets_added"), inv.targetsAdded());
    strings(inventory.putArray("targets_removed"), inv.targetsRemoved());
    ArrayNode moved = inventory.putArray("targets_moved");
    for (InventoryChanges.Move m : inv.targetsMoved()) {
      ObjectNode move = moved.addObject();
      move.put("target", m.target());
      strings(move.putArray("before"), m.before());
      strings(move.putArray("after"), m.after());
    }
    ArrayNode edited = inventory.putArray("targets_changed");
    for (InventoryChanges.Edit e : inv.targetsEdited()) {
      ObjectNode edit = edited.addObject();
      edit.put("target", e.target());
      fields(edit.putArray("fields"), e.fields());
    }
    strings(inventory.putArray("groups_added"), inv.groupsAdded());
    strings(inventory.putArray("groups_removed"), inv.groupsRemoved());
    return CanonicalJson.write(root);
  }

  private static void fields(ArrayNode into, List<FieldChange> fields) {
    for (FieldChange f : fields) {
      ObjectNode field = into.addObject();
      field.put("path", f.path());
      field.set("before", MAPPER.valueToTree(f.before()));
      field.set("after", MAPPER.valueToTree(f.after()));
    }
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }
}
