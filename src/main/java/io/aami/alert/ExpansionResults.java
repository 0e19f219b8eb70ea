package io.aami.alert;

import io.aami.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/** What render keeps of one expansion: its errors to refuse with, and its result to write. */
final class ExpansionResults {
  private ExpansionResults() {}

  static <T> void keep(
      List<AlertProblem> problems, Optional<T> result, List<Diagnostic> errors, List<T> results) {
    problems.stream()
        .filter(AlertProblem::isError)
        .map(AlertProblem::toDiagnostic)
        .forEach(errors::add);
    result.ifPresent(results::add);
  }
}
