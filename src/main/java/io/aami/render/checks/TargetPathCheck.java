package io.aami.render.checks;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * A target whose id is {@code hostname} would publish {@code api/v1/checks/target/hostname}, the
 * directory of the by-hostname files; so would {@code HOSTNAME} on a case-insensitive disk, where
 * ids already must be unique ignoring case. (Two targets with one hostname are reported by the
 * unique-id check.)
 */
public final class TargetPathCheck {
  static final String RESERVED_ID = "hostname";

  private TargetPathCheck() {}

  public static List<Diagnostic> check(Repository repository) {
    List<Diagnostic> problems = new ArrayList<>();
    for (Target target : repository.targets()) {
      if (target.id().equalsIgnoreCase(RESERVED_ID)) {
        problems.add(
            Diagnostic.error(
                target.origin().locate("id"),
                Code.TARGET_PATH,
                "target id '"
                    + target.id()
                    + "' is reserved (ids are compared ignoring case): "
                    + CheckApiRenderer.BY_HOSTNAME
                    + " is the directory of the by-hostname check files; choose another id"));
      }
    }
    return problems;
  }
}
