package io.aami.model;

import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import java.util.List;
import java.util.Optional;

/**
 * Repository-wide settings from {@code aami.yaml} at the repository root, as the loader bound them:
 * only what {@code schemas/settings.schema.json} accepts (the rest is reported and left out), read
 * by whichever feature owns a section (e.g. PrometheusRule metadata labels).
 */
public record Settings(String file, Optional<YMap> document) {
  public static final String FILE_NAME = "aami.yaml";
  public static final Settings DEFAULT = new Settings(FILE_NAME, Optional.empty());

  /** The mapping of a top-level section; empty when it is absent or written as null. */
  public Optional<SettingsSection> section(String name) {
    return document
        .flatMap(d -> d.get(name))
        .filter(YMap.class::isInstance)
        .map(map -> new SettingsSection(name, (YMap) map));
  }

  /** The strings of a top-level list; none when it is absent or written as null. */
  public List<YScalar> list(String name) {
    return document
        .flatMap(d -> d.get(name))
        .filter(YSeq.class::isInstance)
        .map(seq -> SettingsSection.scalars(((YSeq) seq).items()))
        .orElse(List.of());
  }

  static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL;
  }
}
