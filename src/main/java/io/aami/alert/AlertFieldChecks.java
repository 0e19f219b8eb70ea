package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.SourceLocation;
import io.aami.model.PromDuration;
import io.aami.promql.PromQL;
import java.util.Optional;

/**
 * Checks of single config fields, shared by the per-rule expansion and the per-declaration pass of
 * {@link AlertChecks} so that both produce the same diagnostic (which then appears once).
 */
final class AlertFieldChecks {

  private AlertFieldChecks() {}

  static Optional<AlertProblem> duration(String text, SourceLocation at) {
    return duration("for_duration", text, at);
  }

  /** {@code field} names the config key, {@code for_duration} or {@code keep_firing_for}. */
  static Optional<AlertProblem> duration(String field, String text, SourceLocation at) {
    if (PromDuration.parse(text).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        AlertProblem.error(
            at,
            Code.DURATION,
            field + " '" + text + "' is not a Prometheus duration (e.g. 30s, 5m, 1h30m)"));
  }

  /** Prometheus requires label and annotation names alike to be valid label names. */
  static Optional<AlertProblem> labelName(String name, String what, SourceLocation at) {
    if (PromQL.isLabelName(name)) {
      return Optional.empty();
    }
    return Optional.of(
        AlertProblem.error(
            at,
            Code.LABEL_NAME,
            what
                + " name '"
                + name
                + "' is not a valid Prometheus label name [a-zA-Z_][a-zA-Z0-9_]*"));
  }
}
