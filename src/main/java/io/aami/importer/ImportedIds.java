package io.aami.importer;

import java.util.Locale;

/**
 * The ids and file names aami import gives what it writes. They are pure functions of the source
 * (scope, group name, position, rule name), so importing the same file again, and {@code --verify},
 * find the same documents. Ids keep source order when sorted, which is the order rules render in.
 */
public final class ImportedIds {
  private static final int MAX_PART = 60;

  private ImportedIds() {}

  /** Lowercase, every run of characters an id cannot hold turned into one {@code -}. */
  public static String slug(String text) {
    String lowered = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    lowered = lowered.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    if (lowered.length() > MAX_PART) {
      lowered = lowered.substring(0, MAX_PART).replaceAll("[^a-z0-9]+$", "");
    }
    return lowered.isEmpty() ? "x" : lowered;
  }

  /**
   * {@code <prefix>-<group>-<position>-<name>}; the position is zero-padded to the width of the
   * group's rule count (at least 3), so that id order is source order.
   */
  public static String ruleId(
      String prefix, String groupName, int index, int count, String ruleName) {
    int width = Math.max(3, String.valueOf(count).length());
    String position = String.format(Locale.ROOT, "%0" + width + "d", index + 1);
    return slug(prefix) + "-" + slug(groupName) + "-" + position + "-" + slug(ruleName);
  }

  /** {@code policies/imported/<prefix>/<group>.yaml}. */
  public static String filePath(String prefix, String groupName) {
    return "policies/imported/" + slug(prefix) + "/" + slug(groupName) + ".yaml";
  }
}
