package io.aami.resolve;

import io.aami.model.Language;
import java.util.Map;

/**
 * One check a target runs, exactly as its node agent receives it: the seed's EffectiveCheck plus
 * {@code timeoutSeconds}. {@code config} is the template's default_config deep-merged with the
 * winning policy's config, with every map sorted by key; {@code hash} is the lowercase hex SHA-256
 * of {@code scriptContent}; {@code instanceId} is the winning policy's id.
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
    long timeoutSeconds) {}
