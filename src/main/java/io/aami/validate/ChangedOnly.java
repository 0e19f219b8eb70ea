package io.aami.validate;

import io.aami.diag.Diagnostic;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code aami validate --base REV}: the whole repository is loaded and checked at both revisions
 * (references need every file), and only the problems that the change is responsible for are
 * reported: those located in files whose content changed, and those anywhere that the base did not
 * have (a template deleted while a policy still names it, a new tie between two policies). Plus
 * {@code template/version-not-bumped}, which needs both revisions. Notes are filtered the same way.
 *
 * <p>Files are compared only where a problem is located, so the extra cost over a plain validate is
 * the second load.
 */
public final class ChangedOnly {
  private final ValidationService validation;

  public ChangedOnly(ValidationService validation) {
    this.validation = validation;
  }

  /** {@code leftOut} counts the head's problems that the base already had in unchanged files. */
  public record Result(ValidationReport report, int leftOut) {}

  public Result validate(RepositorySource base, RepositorySource head) throws IOException {
    CheckedRepository before = validation.check(base);
    CheckedRepository after = validation.check(head);
    Set<Diagnostic> preexisting = new HashSet<>(before.report().diagnostics());
    preexisting.addAll(before.report().notes());
    List<Diagnostic> all = new ArrayList<>(after.report().diagnostics());
    all.addAll(VersionBumps.check(before.loaded().repository(), after.loaded().repository()));
    all.addAll(after.report().notes());
    Map<String, Boolean> changed = new HashMap<>();
    List<Diagnostic> reported = new ArrayList<>();
    for (Diagnostic d : all) {
      boolean fileChanged = changed.computeIfAbsent(d.file(), file -> differs(base, head, file));
      if (fileChanged || !preexisting.contains(d)) {
        reported.add(d);
      }
    }
    return new Result(
        new ValidationReport(reported, after.report().sources(), after.report().suppressed()),
        (int)
            (all.stream().filter(d -> !d.isInfo()).count()
                - reported.stream().filter(d -> !d.isInfo()).count()));
  }

  private static boolean differs(RepositorySource base, RepositorySource head, String file) {
    return !Arrays.equals(bytes(base, file), bytes(head, file));
  }

  /** The file's bytes, or null when it does not exist (or cannot be read) on that side. */
  private static byte[] bytes(RepositorySource source, String file) {
    try {
      return source.status(file) == RepositorySource.PathStatus.FILE ? source.read(file) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
