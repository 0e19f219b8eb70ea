package io.aami.report;

import io.aami.publish.PublishResult;
import io.aami.publish.SiteDiff;

/** The summaries {@code aami render} prints: what was published, or how a directory differs. */
public final class RenderText {
  private RenderText() {}

  public static String published(String out, PublishResult result) {
    if (!result.swapped()) {
      return "aami: " + out + " is up to date (" + files(result.files()) + "); nothing written\n";
    }
    SiteDiff d = result.diff();
    return "aami: published "
        + files(result.files())
        + " to "
        + out
        + " ("
        + d.added().size()
        + " added, "
        + d.changed().size()
        + " changed, "
        + d.removed().size()
        + " removed)\n";
  }

  /** One line per difference ({@code added}, {@code removed}, {@code changed}), then a summary. */
  public static String checked(String out, SiteDiff diff, int files) {
    if (diff.isEmpty()) {
      return "aami: " + out + " is up to date (" + files(files) + ")\n";
    }
    StringBuilder text = new StringBuilder();
    diff.added().forEach(p -> text.append("added    ").append(p).append('\n'));
    diff.removed().forEach(p -> text.append("removed  ").append(p).append('\n'));
    diff.changed().forEach(p -> text.append("changed  ").append(p).append('\n'));
    text.append("aami: ")
        .append(out)
        .append(" differs from what render would write: ")
        .append(diff.added().size())
        .append(" added, ")
        .append(diff.removed().size())
        .append(" removed, ")
        .append(diff.changed().size())
        .append(" changed; run 'aami render --out ")
        .append(out)
        .append("'\n");
    return text.toString();
  }

  private static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }
}
