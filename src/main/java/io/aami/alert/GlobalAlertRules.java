package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.AlertRule;
import io.aami.model.Repository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which global alert rules render, mirroring script policies: for one alert (an AlertTemplate, or
 * the name of a direct rule) a group's own enabled rules beat the global rule on that group's
 * targets, and among enabled global rules of one alert the highest priority wins; a tie is an
 * error. The winner renders once, over every target outside the overriding groups. Linear in the
 * number of rules.
 */
public final class GlobalAlertRules {
  /** The global rules' files are named as a group of this id would be; validation reserves it. */
  public static final String RESERVED_ID = "aami-global";

  /** The PrometheusRule object of the global rules. */
  public static String prometheusRuleName(String namePrefix) {
    return namePrefix + "global";
  }

  /** A global rule that renders, and the groups whose own rules replace it on their targets. */
  public record Winner(AlertRule rule, SortedSet<String> overridingGroups) {}

  public record Resolution(List<Winner> winners, List<Diagnostic> problems) {
    public Resolution {
      winners = List.copyOf(winners);
      problems = List.copyOf(problems);
    }
  }

  private GlobalAlertRules() {}

  public static Resolution resolve(Repository repository) {
    Map<String, List<AlertRule>> globalByAlert = new TreeMap<>();
    Map<String, SortedSet<String>> groupsByAlert = new TreeMap<>();
    for (AlertRule rule : repository.alertRules()) {
      if (!rule.enabled()) {
        continue;
      }
      if (rule.isGlobal()) {
        globalByAlert.computeIfAbsent(key(rule), k -> new ArrayList<>()).add(rule);
      } else {
        groupsByAlert.computeIfAbsent(key(rule), k -> new TreeSet<>()).add(rule.groupId());
      }
    }
    List<Winner> winners = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    globalByAlert.forEach(
        (alert, rules) -> {
          rules.sort(
              Comparator.comparingInt(AlertRule::priority).reversed().thenComparing(AlertRule::id));
          AlertRule best = rules.get(0);
          List<AlertRule> tied =
              rules.stream().filter(r -> r.priority() == best.priority()).toList();
          if (tied.size() > 1) {
            for (AlertRule rule : tied) {
              problems.add(
                  Diagnostic.error(
                      rule.origin().locate("priority"),
                      Code.ALERT_AMBIGUOUS,
                      "global alert rules "
                          + String.join(", ", tied.stream().map(r -> "'" + r.id() + "'").toList())
                          + " of "
                          + describe(alert)
                          + " tie at priority "
                          + best.priority()
                          + "; give one a higher priority or disable the others"));
            }
            return;
          }
          winners.add(new Winner(best, groupsByAlert.getOrDefault(alert, new TreeSet<>())));
        });
    return new Resolution(winners, problems);
  }

  /** Rules of one alert share this key: the template they apply, or their direct name. */
  static String key(AlertRule rule) {
    if (rule.source() instanceof AlertRule.FromTemplate ref) {
      return "template " + ref.templateId();
    }
    return "direct " + ((AlertRule.Direct) rule.source()).name();
  }

  private static String describe(String key) {
    return key.startsWith("template ")
        ? "AlertTemplate '" + key.substring(9) + "'"
        : "the direct alert '" + key.substring(7) + "'";
  }
}
