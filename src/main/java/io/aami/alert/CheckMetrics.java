package io.aami.alert;

import io.aami.model.CheckDefinition;
import io.aami.model.MetricDeclaration;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import java.util.HashSet;
import java.util.Set;

/**
 * Which sample names the node checks produce, for {@code alert/range-too-short}: exactly what the
 * checks declare in their {@code metrics:} lists (the metric contract), with a histogram's and a
 * summary's derived series. A repository whose checks declare nothing produces no known name, so
 * the lint stays silent rather than guess from metric names.
 */
public final class CheckMetrics {
  private CheckMetrics() {}

  static Set<String> declaredSamples(Repository repository) {
    Set<String> samples = new HashSet<>();
    for (ScriptTemplate template : repository.scriptTemplates()) {
      add(template.definition(), samples);
    }
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.Direct direct) {
        add(direct.definition(), samples);
      }
    }
    return samples;
  }

  private static void add(CheckDefinition definition, Set<String> samples) {
    for (MetricDeclaration metric : definition.metrics()) {
      samples.addAll(metric.sampleNames());
    }
  }
}
