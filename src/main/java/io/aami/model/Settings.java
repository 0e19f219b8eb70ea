package io.aami.model;

import io.aami.yaml.YMap;
import java.util.Optional;

/**
 * Repository-wide settings from {@code aami.yaml} at the repository root: the raw tree, read by
 * whichever renderer owns a section (e.g. PrometheusRule metadata labels).
 */
public record Settings(String file, Optional<YMap> document) {
  public static final String FILE_NAME = "aami.yaml";
  public static final Settings DEFAULT = new Settings(FILE_NAME, Optional.empty());
}
