package io.aami.fleet;

import io.aami.alert.AlertNames;
import io.aami.alert.PrometheusRuleSettings;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.AlertRule;
import io.aami.model.Group;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation of what fleet operations rely on: the {@code fleet_health} settings, names the
 * generated rules reserve, and the silent gaps of an inventory (a target that is never scraped, a
 * group no alert covers). One pass over targets, groups and alert rules.
 */
public final class FleetChecks {
  private FleetChecks() {}

  public static List<Diagnostic> check(Repository repository) {
    FleetHealthSettings settings = FleetHealthSettings.parse(repository.settings());
    List<Diagnostic> out = new ArrayList<>(settings.diagnostics());
    if (settings.enabled()) {
      reservedRuleName(repository, out);
    }
    for (Target target : repository.targets()) {
      if (target.groups().isEmpty()) {
        out.add(Diagnostic.warning(target.origin().locate("groups"), Code.TARGET_NO_GROUP,
            "target '" + target.id() + "' is in no group: it gets checks, but it is in no file_sd"
                + " file, so Prometheus never scrapes it and no alert sees it; add it to a group"));
      }
    }
    uncoveredGroups(repository, out);
    return out;
  }

  /** Only in repositories that alert through aami at all: elsewhere every group would be reported. */
  private static void uncoveredGroups(Repository repository, List<Diagnostic> out) {
    if (repository.alertRules().isEmpty()) {
      return;
    }
    Set<String> covered = new HashSet<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.enabled() && rule.groupId() != null) {
        covered.add(rule.groupId());
      }
    }
    Map<String, Integer> members = new HashMap<>();
    for (Target target : repository.targets()) {
      for (String group : new HashSet<>(target.groups())) {
        members.merge(group, 1, Integer::sum);
      }
    }
    for (Group group : repository.groups()) {
      int count = members.getOrDefault(group.id(), 0);
      if (count > 0 && !covered.contains(group.id())) {
        out.add(Diagnostic.warning(group.origin().locate("id"), Code.GROUP_NO_ALERT_RULES,
            "group '" + group.id() + "' has " + count + (count == 1 ? " target" : " targets")
                + " but no enabled alert rule: their check results are scraped and nothing alerts"
                + " on them (fleet-health alerts only report checks that fail to run)"));
      }
    }
  }

  private static void reservedRuleName(Repository repository, List<Diagnostic> out) {
    String prefix = PrometheusRuleSettings.parse(repository.settings()).settings().namePrefix();
    String reserved = FleetHealthRules.prometheusRuleName(prefix);
    for (Group group : repository.groups()) {
      boolean sameFiles = group.id().equalsIgnoreCase(FleetHealthRules.RESERVED_ID);
      if (sameFiles || AlertNames.prometheusRuleName(prefix, group.id()).equals(reserved)) {
        out.add(Diagnostic.error(group.origin().locate("id"), Code.RENDER_PATH, "group '"
            + group.id() + "' would render " + (sameFiles ? "the rule files" : "the PrometheusRule '"
            + reserved + "'") + " of the generated fleet-health rules; rename the group"
            + (sameFiles ? "" : ", change prometheus_rule.name_prefix")
            + ", or set fleet_health.enabled: false"));
      }
    }
  }
}
