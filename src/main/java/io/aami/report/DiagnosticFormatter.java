package io.aami.report;

import io.aami.validate.ValidationReport;

/** Turns a validation report into text; pure, so every format has golden-file tests. */
public interface DiagnosticFormatter {
  String format(ValidationReport report);
}
