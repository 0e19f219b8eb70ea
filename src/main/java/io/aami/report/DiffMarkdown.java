package io.aami.report;

import io.aami.diff.AlertChange;
import io.aami.diff.CheckChange;
import io.aami.diff.DiffSummary;
import io.aami.diff.FieldChange;
import io.aami.diff.FleetDiff;
import io.aami.diff.GroupChanges;
import io.aami.diff.InventoryChanges;
import io.aami.diff.TargetChanges;
import io.aami.live.WouldFire;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aami diff --format markdown}: ready to post as a pull-request comment. The summary comes
 * first, then one collapsible {@code <details>} section per set of identically changed targets, per
 * group, and for the inventory. Comment bodies have a size limit (GitHub: 65,536 characters), so
 * the output stops at {@link #CAP} characters on a whole bullet or section and says what it cut.
 */
final class DiffMarkdown {
  static final int CAP = 60_000;

  /** Room kept for the line that says what was cut. */
  private static final int CUT_LINE_RESERVE = 300;

  static final int IDS_LISTED = 100;

  private DiffMarkdown() {}

  static String format(FleetDiff diff, String base, String head, int cap) {
    return format(diff, base, head, cap, WouldFire.Lookup.NONE);
  }

  static String format(FleetDiff diff, String base, String head, int cap, WouldFire.Lookup firing) {
    String header = "### aami diff\n\n" + code(base) + " → " + code(head) + "\n\n";
    List<String> summary =
        DiffSummary.lines(diff).stream().map(line -> "- " + text(line) + "\n").toList();
    List<String> sections = new ArrayList<>();
    diff.targets().forEach(entry -> sections.add(targets(entry)));
    diff.groups().forEach(group -> sections.add(group(group, firing)));
    if (!diff.inventory().isEmpty()) {
      sections.add(inventory(diff.inventory()));
    }
    StringBuilder out = new StringBuilder(header);
    int budget = cap - CUT_LINE_RESERVE;
    int summaryShown = appendWhileRoom(out, summary, budget);
    if (!sections.isEmpty() && summaryShown == summary.size()) {
      out.append('\n');
    }
    int sectionsShown = summaryShown == summary.size() ? appendWhileRoom(out, sections, budget) : 0;
    if (summaryShown < summary.size() || sectionsShown < sections.size()) {
      out.append("\n**Cut to stay under ")
          .append(String.format(Locale.ROOT, "%,d", cap))
          .append(" characters:** ")
          .append(summary.size() - summaryShown)
          .append(" of ")
          .append(summary.size())
          .append(" summary lines and ")
          .append(sections.size() - sectionsShown)
          .append(" of ")
          .append(sections.size())
          .append(" sections are not shown; run `aami diff --format json` for everything.\n");
    }
    return out.toString();
  }

  private static int appendWhileRoom(StringBuilder out, List<String> pieces, int budget) {
    int shown = 0;
    for (String piece : pieces) {
      if (out.length() + piece.length() > budget) {
        break;
      }
      out.append(piece);
      shown++;
    }
    return shown;
  }

  private static String targets(TargetChanges entry) {
    StringBuilder s = new StringBuilder();
    s.append("<details><summary>")
        .append(html(DiffSummary.targets(entry)))
        .append("</summary>\n\n");
    s.append("Targets (")
        .append(entry.targets().size())
        .append("): ")
        .append(ids(entry.targets()))
        .append("\n\n");
    for (CheckChange check : entry.checks()) {
      s.append("- check ")
          .append(code(check.check()))
          .append(' ')
          .append(check.kind().name().toLowerCase(Locale.ROOT))
          .append('\n');
      fields(s, check.fields());
    }
    return s.append("\n</details>\n\n").toString();
  }

  private static String group(GroupChanges group, WouldFire.Lookup firing) {
    StringBuilder s = new StringBuilder();
    s.append("<details><summary>group ")
        .append(html(group.group()))
        .append(": ")
        .append(DiffSummaryCounts.of(group))
        .append("</summary>\n\n");
    for (AlertChange alert : group.alerts()) {
      s.append("- ")
          .append(alert.ruleNoun())
          .append(" ")
          .append(code(alert.rule()))
          .append(" (")
          .append(code(alert.alert()))
          .append(") ")
          .append(alert.kind().name().toLowerCase(Locale.ROOT))
          .append('\n');
      fields(s, alert.fields());
      firing
          .of(group.group(), alert.rule())
          .ifPresent(now -> s.append("  - ").append(html(now.text())).append('\n'));
    }
    list(s, "joins file_sd", group.targetsJoining());
    list(s, "leaves file_sd", group.targetsLeaving());
    return s.append("\n</details>\n\n").toString();
  }

  private static String inventory(InventoryChanges inv) {
    StringBuilder s = new StringBuilder("<details><summary>inventory</summary>\n\n");
    list(s, "targets added", inv.targetsAdded());
    list(s, "targets removed", inv.targetsRemoved());
    for (InventoryChanges.Move move : inv.targetsMoved()) {
      s.append("- target ")
          .append(code(move.target()))
          .append(" groups ")
          .append(code(DiffSummary.value(move.before())))
          .append(" → ")
          .append(code(DiffSummary.value(move.after())))
          .append('\n');
    }
    for (InventoryChanges.Edit edit : inv.targetsEdited()) {
      s.append("- target ").append(code(edit.target())).append(" changed\n");
      fields(s, edit.fields());
    }
    list(s, "groups added", inv.groupsAdded());
    list(s, "groups removed", inv.groupsRemoved());
    return s.append("\n</details>\n\n").toString();
  }

  private static void fields(StringBuilder s, List<FieldChange> fields) {
    for (FieldChange f : fields) {
      s.append("  - ")
          .append(code(f.path()))
          .append(": ")
          .append(code(DiffSummary.value(f.before())))
          .append(" → ")
          .append(code(DiffSummary.value(f.after())))
          .append('\n');
    }
  }

  private static void list(StringBuilder s, String label, List<String> ids) {
    if (!ids.isEmpty()) {
      s.append("- ")
          .append(label)
          .append(" (")
          .append(ids.size())
          .append("): ")
          .append(ids(ids))
          .append('\n');
    }
  }

  /**
   * At most {@link #IDS_LISTED} ids, so that one change to 5,000 nodes stays one readable section.
   */
  private static String ids(List<String> ids) {
    String listed =
        String.join(", ", ids.stream().limit(IDS_LISTED).map(DiffMarkdown::code).toList());
    return ids.size() <= IDS_LISTED
        ? listed
        : listed + " and " + String.format(Locale.ROOT, "%,d", ids.size() - IDS_LISTED) + " more";
  }

  /** Counts for a group's section heading: "2 alert rules, file_sd +3 −1". */
  private static final class DiffSummaryCounts {
    static String of(GroupChanges group) {
      List<String> parts = new ArrayList<>();
      if (!group.alerts().isEmpty()) {
        parts.add(
            group.alerts().size() + (group.alerts().size() == 1 ? " alert rule" : " alert rules"));
      }
      if (!group.targetsJoining().isEmpty() || !group.targetsLeaving().isEmpty()) {
        parts.add(
            "file_sd +" + group.targetsJoining().size() + " −" + group.targetsLeaving().size());
      }
      return String.join(", ", parts);
    }
  }

  /**
   * An inline code span that survives any content: a fence longer than the longest backtick run
   * inside, padded when the content starts or ends with a backtick; line breaks become spaces.
   */
  static String code(String value) {
    String v = DiffText.oneLine(value);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < v.length(); i++) {
      run = v.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = v.startsWith("`") || v.endsWith("`") || v.isEmpty() ? " " : "";
    return fence + pad + v + pad + fence;
  }

  /** Plain text in Markdown: characters that would start markup are escaped. */
  static String text(String value) {
    StringBuilder s = new StringBuilder();
    for (char c : DiffText.oneLine(value).toCharArray()) {
      if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
        s.append('\\');
      }
      s.append(c);
    }
    return s.toString();
  }

  /** Text inside an HTML element such as {@code <summary>}. */
  static String html(String value) {
    return Markup.text(DiffText.oneLine(value));
  }
}
