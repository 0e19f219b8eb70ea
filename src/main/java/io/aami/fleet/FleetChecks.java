package io.aami.fleet;

import io.aami.alert.AlertNames;
import io.aami.alert.GlobalAlertRules;
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
import java.util.LinkedHashMap;
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
    reservedRuleNames(repository, settings.enabled(), out);
    for (Target target : repository.targets()) {
      if (target.groups().isEmpty()) {
        out.add(
            Diagnostic.warning(
                target.origin().locate("groups"),
                Code.TARGET_NO_GROUP,
                "target '"
                    + target.id()
                    + "' is in no group: it gets checks, but it is in no file_sd"
                    + " file, so Prometheus never scrapes it and no alert sees it; add it to a group"));
      }
    }
    uncoveredGroups(repository, out);
    return out;
  }

  /**
   * Only in repositories that alert through aami at all: elsewhere every group would be reported.
   */
  private static void uncoveredGroups(Repository repository, List<Diagnostic> out) {
    if (repository.alertRules().isEmpty()) {
      return;
    }
    Set<String> covered = new HashSet<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.enabled() && rule.isGlobal()) {
        return; // a global rule covers every group it is not overridden in
      }
      if (rule.enabled()) {
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
        out.add(
            Diagnostic.warning(
                group.origin().locate("id"),
                Code.GROUP_NO_ALERT_RULES,
                "group '"
                    + group.id()
                    + "' has "
                    + count
                    + (count == 1 ? " target" : " targets")
                    + " but no enabled alert rule: their check results are scraped and nothing alerts"
                    + " on them (fleet-health alerts only report checks that fail to run)"));
      }
    }
  }

  private static void reservedRuleNames(
      Repository repository, boolean fleetHealth, List<Diagnostic> out) {
    String prefix = PrometheusRuleSettings.of(repository.settings()).namePrefix();
    Map<String, String> reserved = new LinkedHashMap<>();
    if (fleetHealth) {
      reserved.put(FleetHealthRules.RESERVED_ID, FleetHealthRules.prometheusRuleName(prefix));
    }
    if (repository.alertRules().stream().anyMatch(AlertRule::isGlobal)) {
      reserved.put(GlobalAlertRules.RESERVED_ID, GlobalAlertRules.prometheusRuleName(prefix));
    }
    reserved.forEach(
        (id, ruleName) -> {
          String what =
              id.equals(FleetHealthRules.RESERVED_ID)
                  ? "the generated fleet-health rules"
                  : "the global alert rules";
          for (Group group : repository.groups()) {
            boolean sameFiles = group.id().equalsIgnoreCase(id);
            if (sameFiles || AlertNames.prometheusRuleName(prefix, group.id()).equals(ruleName)) {
              out.add(
                  Diagnostic.error(
                      group.origin().locate("id"),
                      Code.RENDER_PATH,
                      "group '"
                          + group.id()
                          + "' would render "
                          + (sameFiles ? "the rule files" : "the PrometheusRule '" + ruleName + "'")
                          + " of "
                          + what
                          + "; rename the group"
                          + (sameFiles ? "" : " or change prometheus_rule.name_prefix")
                          + (id.equals(FleetHealthRules.RESERVED_ID)
                              ? ", or set fleet_health.enabled: false"
                              : "")));
            }
          }
        });
  }
}
