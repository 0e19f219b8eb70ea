package io.aami.alert;

import io.aami.diag.SourceLocation;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert rules that cover one target, for {@code resolve --explain}: the enabled rules of its
 * groups, and the global rules that render, each either covering it or replaced on it by the rule
 * of one of its groups ({@link GlobalAlertRules}). Disabled rules cover nothing and are left out.
 */
public final class TargetAlerts {
  /**
   * One rule: {@code groupId} null for a global rule; {@code replacedBy} the target's groups whose
   * own rules replace a global rule on it (empty when the rule covers the target); {@code
   * forDuration} and {@code keepFiringFor} as the rule's merged config sets them, each null when
   * unset.
   */
  public record Covering(
      String ruleId,
      String alert,
      String groupId,
      SourceLocation at,
      List<String> replacedBy,
      String forDuration,
      String keepFiringFor) {
    public Covering {
      replacedBy = List.copyOf(replacedBy);
    }

    public boolean covers() {
      return replacedBy.isEmpty();
    }
  }

  private TargetAlerts() {}

  public static List<Covering> of(Repository repository, Target target) {
    Set<String> groups = new HashSet<>(target.groups());
    List<Covering> rules = new ArrayList<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.enabled() && !rule.isGlobal() && groups.contains(rule.groupId())) {
        rules.add(covering(repository, rule, rule.groupId(), List.of()));
      }
    }
    for (GlobalAlertRules.Winner winner : GlobalAlertRules.resolve(repository).winners()) {
      List<String> replacedBy =
          winner.overridingGroups().stream().filter(groups::contains).toList();
      rules.add(covering(repository, winner.rule(), null, replacedBy));
    }
    rules.sort(Comparator.comparing(Covering::alert).thenComparing(Covering::ruleId));
    return rules;
  }

  /**
   * The enabled recording rules of the target's groups and the global ones, as {@link Covering}s
   * whose {@code alert} is the recorded series name; in record name, then rule id order.
   */
  public static List<Covering> recordingRules(Repository repository, Target target) {
    Set<String> groups = new HashSet<>(target.groups());
    List<Covering> rules = new ArrayList<>();
    for (RecordingRule rule : repository.recordingRules()) {
      if (rule.enabled() && (rule.isGlobal() || groups.contains(rule.groupId()))) {
        rules.add(
            new Covering(
                rule.id(),
                rule.record(),
                rule.groupId(),
                rule.origin().location(),
                List.of(),
                null,
                null));
      }
    }
    rules.sort(Comparator.comparing(Covering::alert).thenComparing(Covering::ruleId));
    return rules;
  }

  private static Covering covering(
      Repository repository, AlertRule rule, String groupId, List<String> replacedBy) {
    AlertConfig defaults =
        rule.source() instanceof AlertRule.FromTemplate ref
            ? repository
                .alertTemplate(ref.templateId())
                .map(AlertTemplate::defaultConfig)
                .orElse(AlertConfig.EMPTY)
            : AlertConfig.EMPTY;
    MergedAlertConfig config = MergedAlertConfig.merge(defaults, rule.config());
    return new Covering(
        rule.id(),
        alertName(repository, rule),
        groupId,
        rule.origin().location(),
        replacedBy,
        config.forDuration(),
        config.keepFiringFor());
  }

  private static String alertName(Repository repository, AlertRule rule) {
    if (rule.source() instanceof AlertRule.FromTemplate ref) {
      return repository.alertTemplate(ref.templateId()).map(t -> t.name()).orElse(ref.templateId());
    }
    return ((AlertRule.Direct) rule.source()).name();
  }
}
