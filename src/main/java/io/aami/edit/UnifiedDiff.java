package io.aami.edit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** {@code diff -u} of one file's two versions (jgit's histogram diff, three lines of context). */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  /** The diff of {@code path}; null content is an absent file (created or deleted). */
  public static String of(String path, byte[] before, byte[] after) {
    RawText a = new RawText(before == null ? new byte[0] : before);
    RawText b = new RawText(after == null ? new byte[0] : after);
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, a, b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.format(edits, a, b);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (edits.isEmpty()) {
      return "";
    }
    return "--- "
        + (before == null ? "/dev/null" : "a/" + path)
        + "\n"
        + "+++ "
        + (after == null ? "/dev/null" : "b/" + path)
        + "\n"
        + out.toString(StandardCharsets.UTF_8);
  }
}
