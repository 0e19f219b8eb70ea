package io.aami.report;

import io.aami.resolve.ResolveService;
import java.util.Locale;

/** Output formats of {@code aami resolve}. */
public enum ResolveFormat {
  /** For people; with --explain it reads like Hiera's {@code lookup --explain}. */
  TEXT,
  /**
   * The published EffectiveCheck array, byte for byte; with --explain wrapped with the explanation.
   */
  JSON,
  /** The same structure as JSON, as YAML. */
  YAML;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String format(ResolveService.Found found) {
    return switch (this) {
      case TEXT ->
          found.explanation() == null ? ResolveText.checks(found) : ResolveText.explain(found);
      case JSON -> ResolveStructured.json(found);
      case YAML -> ResolveStructured.yaml(found);
    };
  }
}
