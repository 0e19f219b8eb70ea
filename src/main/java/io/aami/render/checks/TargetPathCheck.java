package io.aami.render.checks;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Targets whose checks would be published at a path another target (or the hostname directory)
 * already uses: two targets with one hostname (compared case-insensitively, as DNS does), and a
 * target whose id is {@code hostname}, which is the directory of the by-hostname files.
 */
public final class TargetPathCheck {
  static final String RESERVED_ID = "hostname";

  private TargetPathCheck() {}

  public static List<Diagnostic> check(Repository repository) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, Target> byHostname = new HashMap<>();
    for (Target target : repository.targets()) {
      if (target.id().equals(RESERVED_ID)) {
        problems.add(Diagnostic.error(target.origin().locate("id"), Code.TARGET_PATH,
            "target id 'hostname' is reserved: " + CheckApiRenderer.BY_HOSTNAME
                + " is the directory of the by-hostname check files; choose another id"));
      }
      Target first = byHostname.putIfAbsent(target.hostname().toLowerCase(Locale.ROOT), target);
      if (first != null) {
        problems.add(Diagnostic.error(target.origin().locate("hostname"), Code.TARGET_PATH,
            "hostname '" + target.hostname() + "' of target '" + target.id() + "' is also the hostname of target '"
                + first.id() + "' (" + first.origin().location() + "); both would publish "
                + CheckApiRenderer.BY_HOSTNAME + target.hostname()));
      }
    }
    return problems;
  }
}
