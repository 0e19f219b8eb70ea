package io.aami.validate;

import io.aami.load.LoadResult;
import io.aami.source.RepositorySource;
import java.io.IOException;

/**
 * A loaded repository together with its validation report: what every command that uses the model
 * (resolve, render) starts from, because they refuse to work on an invalid repository.
 */
public record CheckedRepository(LoadResult loaded, ValidationReport report) {

  /** Loads with the standard loader and every standard check. */
  public static CheckedRepository load(RepositorySource source) throws IOException {
    return ValidationService.standard().check(source);
  }

  /** No errors (warnings are fine): resolve and render may use the model. */
  public boolean valid() {
    return report.passes(false);
  }
}
