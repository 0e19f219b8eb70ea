package io.aami.resolve;

import io.aami.model.CheckDefinition;
import io.aami.model.Language;
import io.aami.model.MetricDeclaration;
import io.aami.model.ScriptPolicy;
import java.util.List;
import java.util.Map;

/**
 * One check a target runs, exactly as its node agent receives it: the seed's EffectiveCheck plus
 * {@code timeoutSeconds}. {@code config} is the template's default_config deep-merged with the
 * winning policy's config, with every map sorted by key; {@code hash} is the lowercase hex SHA-256
 * of {@code scriptContent}; {@code instanceId} is the winning policy's id. {@code metrics} is the
 * check's declared output (published only when the check declares it).
 */
public record EffectiveCheck(
    String name,
    String scriptType,
    String scriptContent,
    Language language,
    Map<String, Object> config,
    String version,
    String hash,
    String instanceId,
    long timeoutSeconds,
    List<MetricDeclaration> metrics) {

  public EffectiveCheck {
    metrics = List.copyOf(metrics);
  }

  /**
   * The check {@code policy} publishes when it wins, {@code definition} being its template's or its
   * own.
   */
  public static EffectiveCheck of(ScriptPolicy policy, CheckDefinition definition) {
    return new EffectiveCheck(
        definition.name(),
        definition.scriptType(),
        definition.script().content(),
        definition.language(),
        ConfigMerge.merge(definition.defaultConfig(), policy.config()),
        definition.version(),
        definition.script().sha256(),
        policy.id(),
        definition.timeout().ceilSeconds(),
        definition.metrics());
  }
}
