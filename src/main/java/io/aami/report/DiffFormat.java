package io.aami.report;

import io.aami.diff.FleetDiff;
import io.aami.live.WouldFire;
import java.util.Locale;

/**
 * Output formats of {@code aami diff}. {@code base} and {@code head} describe the two revisions.
 */
public enum DiffFormat {
  /** For a terminal: the summary, then every change. */
  TEXT,
  /** A pull-request comment: the summary, then a collapsible section per change, size-capped. */
  MARKDOWN,
  /** The stable machine format documented in docs/DIFF.md. */
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String format(FleetDiff diff, String base, String head) {
    return format(diff, base, head, WouldFire.Lookup.NONE);
  }

  /**
   * With, for each added or changed alert, how many series it would fire on now ({@code diff
   * --prometheus}).
   */
  public String format(FleetDiff diff, String base, String head, WouldFire.Lookup firing) {
    return switch (this) {
      case TEXT -> DiffText.format(diff, base, head, firing);
      case MARKDOWN -> DiffMarkdown.format(diff, base, head, DiffMarkdown.CAP, firing);
      case JSON -> DiffJson.format(diff, base, head, firing);
    };
  }
}
