package io.aami.render.checks;

import io.aami.model.Settings;

/**
 * The {@code publish} section of {@code aami.yaml}: which forms of the checks API are published.
 *
 * <pre>
 * publish:
 *   inline_checks: false   # default true: api/v1 documents with every script inline
 * </pre>
 *
 * The compact documents and the content-addressed scripts are always published; the inline
 * documents are what agents that predate them read, and can be switched off for large fleets, where
 * they are nine tenths of the site's bytes.
 */
public record PublishSettings(boolean inlineChecks) {
  public static final String SECTION = "publish";
  public static final PublishSettings DEFAULT = new PublishSettings(true);

  public static PublishSettings of(Settings settings) {
    return settings
        .section(SECTION)
        .flatMap(publish -> publish.bool("inline_checks"))
        .map(PublishSettings::new)
        .orElse(DEFAULT);
  }
}
