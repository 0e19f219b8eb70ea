package io.aami.report;

import io.aami.diff.FleetDiff;
import java.util.Locale;

/** Output formats of {@code aami diff}. {@code base} and {@code head} describe the two revisions. */
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
    return switch (this) {
      case TEXT -> DiffText.format(diff, base, head);
      case MARKDOWN -> DiffMarkdown.format(diff, base, head, DiffMarkdown.CAP);
      case JSON -> DiffJson.format(diff, base, head);
    };
  }
}
