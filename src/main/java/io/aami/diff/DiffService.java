package io.aami.diff;

import io.aami.model.Repository;
import io.aami.source.RepositorySource;
import io.aami.validate.CheckedRepository;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.io.IOException;

/**
 * What {@code aami diff} computes: both revisions loaded and validated with every standard check,
 * then compared. A side with errors cannot be resolved meaningfully, so it is returned instead.
 */
public final class DiffService {
  private final ValidationService validation;

  public DiffService(ValidationService validation) {
    this.validation = validation;
  }

  public static DiffService standard() {
    return new DiffService(ValidationService.standard());
  }

  public record Request(RepositorySource base, RepositorySource head) {}

  public enum Side {
    BASE,
    HEAD
  }

  public sealed interface Outcome permits Compared, Invalid {}

  /** The diff, and both revisions' repositories for what looks further (diff --prometheus). */
  public record Compared(FleetDiff diff, Repository base, Repository head) implements Outcome {}

  /** {@code side} has validation errors; its report says which. */
  public record Invalid(Side side, ValidationReport report) implements Outcome {}

  public Outcome diff(Request request) throws IOException {
    CheckedRepository base = validation.check(request.base());
    if (!base.valid()) {
      return new Invalid(Side.BASE, base.report());
    }
    CheckedRepository head = validation.check(request.head());
    if (!head.valid()) {
      return new Invalid(Side.HEAD, head.report());
    }
    Repository before = base.loaded().repository();
    Repository after = head.loaded().repository();
    return new Compared(FleetDiffer.compare(before, after), before, after);
  }
}
