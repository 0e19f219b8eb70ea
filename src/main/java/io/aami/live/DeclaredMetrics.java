package io.aami.live;

import io.aami.model.CheckDefinition;
import io.aami.model.MetricDeclaration;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Target;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.EffectiveCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the repository knows about the metrics it produces: which check declares each sample name
 * with which type, which checks some target runs, and which recording rules record which names.
 * This is what lets a live check tell a misspelt metric from one whose check is assigned, or whose
 * recording rule is written, but not deployed yet. The assignment is resolved once per distinct set
 * of groups (the resolver memoizes), and only when first asked.
 */
final class DeclaredMetrics {
  /** One sample name a check prints, and the type the series of that name behave as. */
  record Declared(String check, String type) {}

  /**
   * The recording rule that records a name: an enabled one if there is one (first by id).
   *
   * @param interval its rule group's evaluation interval, or null for the server's default
   */
  record Recorded(String rule, boolean enabled, String interval) {}

  private final Repository repository;
  private final Map<String, Declared> bySample = new TreeMap<>();
  private final Map<String, Recorded> byRecord = new TreeMap<>();
  private final Map<String, List<RecordingRule>> enabledByRecord = new TreeMap<>();
  private Set<String> assigned;

  DeclaredMetrics(Repository repository) {
    this.repository = repository;
    for (CheckDefinition definition : definitions(repository)) {
      for (MetricDeclaration metric : definition.metrics()) {
        for (String sample : metric.sampleNames()) {
          bySample.putIfAbsent(sample, new Declared(definition.name(), sampleType(metric, sample)));
        }
      }
    }
    List<RecordingRule> rules = new ArrayList<>(repository.recordingRules());
    rules.sort(
        Comparator.comparing((RecordingRule r) -> !r.enabled()).thenComparing(RecordingRule::id));
    for (RecordingRule rule : rules) {
      if (rule.enabled()) {
        enabledByRecord.computeIfAbsent(rule.record(), r -> new ArrayList<>()).add(rule);
      }
      byRecord.putIfAbsent(
          rule.record(),
          new Recorded(
              rule.id(),
              rule.enabled(),
              rule.ruleGroup() == null ? null : rule.ruleGroup().interval()));
    }
  }

  Optional<Declared> declared(String sample) {
    return Optional.ofNullable(bySample.get(sample));
  }

  /** The recording rule of this repository that records {@code metric}, if one does. */
  Optional<Recorded> recorded(String metric) {
    return Optional.ofNullable(byRecord.get(metric));
  }

  /**
   * The first enabled recording rule (by id) that writes {@code metric} with a value of {@code
   * label} that {@code accepts} takes: one of the rule's own labels, or {@code group_id} for a
   * group's rule. Such series appear once the rule is deployed, so a selector on them is not wrong.
   */
  Optional<String> recordsLabel(String metric, String label, Predicate<String> accepts) {
    for (RecordingRule rule : enabledByRecord.getOrDefault(metric, List.of())) {
      String value =
          label.equals("group_id") && !rule.isGlobal() ? rule.groupId() : rule.labels().get(label);
      if (value != null && accepts.test(value)) {
        return Optional.of(rule.id());
      }
    }
    return Optional.empty();
  }

  /** Whether at least one target runs {@code check}. */
  synchronized boolean assigned(String check) {
    if (assigned == null) {
      assigned = new HashSet<>();
      CheckResolver resolver = CheckResolver.of(repository);
      Set<List<String>> seen = new HashSet<>();
      for (Target target : repository.targets()) {
        if (seen.add(List.copyOf(new java.util.TreeSet<>(target.groups())))) {
          resolver.resolve(target).checks().stream()
              .map(EffectiveCheck::name)
              .forEach(assigned::add);
        }
      }
    }
    return assigned.contains(check);
  }

  /** A histogram's buckets, sum and count and a summary's sum and count only go up. */
  private static String sampleType(MetricDeclaration metric, String sample) {
    boolean family = sample.equals(metric.name());
    return switch (metric.type()) {
      case "histogram" -> "counter";
      case "summary" -> family ? "gauge" : "counter";
      default -> metric.type();
    };
  }

  private static List<CheckDefinition> definitions(Repository repository) {
    List<CheckDefinition> definitions = new ArrayList<>();
    for (ScriptTemplate template : repository.scriptTemplates()) {
      definitions.add(template.definition());
    }
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.Direct direct) {
        definitions.add(direct.definition());
      }
    }
    return definitions;
  }
}
