package io.aami.render.prometheus;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Group;
import io.aami.model.Repository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A group id names files with a suffix ({@code <id>.yaml}, {@code <id>.json}), and a file name
 * longer than {@link #MAX_NAME_BYTES} cannot be created on the file systems aami publishes to
 * (ext4, xfs, APFS, NTFS via UTF-16 are all at or above it). Validate refuses such an id at its
 * source, so a render never fails with "File name too long" after validation passed.
 */
public final class GroupFileNameCheck {
  public static final int MAX_NAME_BYTES = 255;
  static final int LONGEST_SUFFIX =
      List.of(".yaml", ".json").stream().mapToInt(String::length).max().orElseThrow();

  private GroupFileNameCheck() {}

  public static List<Diagnostic> check(Repository repository) {
    List<Diagnostic> problems = new ArrayList<>();
    int maxId = MAX_NAME_BYTES - LONGEST_SUFFIX;
    for (Group group : repository.groups()) {
      int bytes = group.id().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxId) {
        problems.add(
            Diagnostic.error(
                group.origin().locate("id"),
                Code.RENDER_PATH,
                "group id is "
                    + bytes
                    + " bytes long; it names the files "
                    + PrometheusRuleFileRenderer.DIRECTORY
                    + "<id>.yaml and "
                    + FileSdRenderer.DIRECTORY
                    + "<id>.json, and a file name may have at most "
                    + MAX_NAME_BYTES
                    + " bytes: use at most "
                    + maxId
                    + " characters"));
      }
    }
    return problems;
  }
}
