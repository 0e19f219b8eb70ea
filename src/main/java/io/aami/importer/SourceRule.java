package io.aami.importer;

import io.aami.diag.SourceLocation;
import java.util.Map;

/**
 * One rule of a source rule group, as written: {@code record} set for a recording rule, {@code
 * alert} for an alerting rule. Every value is the YAML scalar's text, so that it is carried over
 * byte for byte; durations are null when absent.
 *
 * @param comments the comment lines directly above the rule in its file, without their {@code #}
 *     prefix's indentation
 */
public record SourceRule(
    String alert,
    String record,
    String expr,
    String forDuration,
    String keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    String comments,
    SourceLocation at) {

  public boolean isRecording() {
    return record != null;
  }

  /** The alert or record name. */
  public String name() {
    return isRecording() ? record : alert;
  }
}
