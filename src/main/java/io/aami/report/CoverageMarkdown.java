package io.aami.report;

import io.aami.coverage.CheckCoverage;
import io.aami.coverage.CoverageReport;
import io.aami.coverage.GroupCoverage;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage report as Markdown for a pull-request comment: a summary, one line per check and per
 * alert naming the groups it misses, then one collapsible section per group. Lists of groups are
 * cut after {@link #NAMES_SHOWN} names and the whole text after {@link #MAX_CHARS} characters, with
 * a line saying what was left out, so 500 groups still fit a comment.
 */
final class CoverageMarkdown {
  static final int MAX_CHARS = 60_000;
  static final int NAMES_SHOWN = 8;

  private CoverageMarkdown() {}

  static String format(CoverageReport report) {
    StringBuilder head = new StringBuilder();
    head.append("# aami coverage\n\n");
    head.append(CoverageMarkdown.summary(report)).append("\n");
    if (!report.ungroupedTargets().isEmpty()) {
      head.append("\n**")
          .append(TextFormatter.plural(report.ungroupedTargets().size(), "target"))
          .append(
              " in no group** (they get checks but are in no file_sd file, so they are"
                  + " not scraped): ")
          .append(names(report.ungroupedTargets()))
          .append("\n");
    }
    head.append(
        """

        ## Checks

        | check | own group policy | global policy | inactive only | not run in |
        |---|---|---|---|---|
        """);
    for (String check : report.checks()) {
      head.append("| `")
          .append(cell(check))
          .append("` | ")
          .append(
              groupsWhere(
                  report,
                  g -> g.checks().get(check) instanceof CheckCoverage.Runs r && !r.global()))
          .append(" | ")
          .append(
              groupsWhere(
                  report, g -> g.checks().get(check) instanceof CheckCoverage.Runs r && r.global()))
          .append(" | ")
          .append(
              groupsWhere(report, g -> g.checks().get(check) instanceof CheckCoverage.OnlyInactive))
          .append(" | ")
          .append(groupsWhere(report, g -> !(g.checks().get(check) instanceof CheckCoverage.Runs)))
          .append(" |\n");
    }
    head.append(
        "\n## Alerts\n\n| alert | covered groups | groups without an enabled rule |\n|---|---|---|\n");
    for (String alert : report.alerts()) {
      head.append("| `")
          .append(cell(alert))
          .append("` | ")
          .append(groupsWhere(report, g -> covers(g, alert)))
          .append(" | ")
          .append(groupsWhere(report, g -> !covers(g, alert)))
          .append(" |\n");
    }
    head.append("\n## Metric contract\n\n");
    head.append("- Checks whose declared metrics no alert reads: ")
        .append(
            report.checksWithoutAlerts().isEmpty() ? "none" : names(report.checksWithoutAlerts()))
        .append("\n- Checks that declare no metrics (coverage unknown): ")
        .append(
            report.checksWithoutDeclaredMetrics().isEmpty()
                ? "none"
                : names(report.checksWithoutDeclaredMetrics()))
        .append("\n- Alerts reading metrics that no check declares: ")
        .append(report.alertsOnUndeclaredMetrics().isEmpty() ? "none" : "");
    report
        .alertsOnUndeclaredMetrics()
        .forEach(
            (alert, metrics) ->
                head.append("\n  - `").append(cell(alert)).append("`: ").append(names(metrics)));
    head.append("\n\n## Groups\n\n");
    return withGroups(head, report.groups());
  }

  static String summary(CoverageReport report) {
    return TextFormatter.plural(report.groups().size(), "group")
        + ", "
        + TextFormatter.plural(report.targetCount(), "target")
        + ", "
        + TextFormatter.plural(report.checks().size(), "check")
        + ", "
        + TextFormatter.plural(report.alerts().size(), "alert")
        + ".";
  }

  private static String withGroups(StringBuilder text, List<GroupCoverage> groups) {
    for (int i = 0; i < groups.size(); i++) {
      String section = groupSection(groups.get(i));
      int remaining = groups.size() - i;
      if (text.length() + section.length() + 200 > MAX_CHARS) {
        text.append("\n*Cut at ")
            .append(MAX_CHARS)
            .append(" characters: ")
            .append(remaining)
            .append(" of ")
            .append(groups.size())
            .append(
                " group sections are not shown; `aami report coverage --format html` shows all.*\n");
        return text.toString();
      }
      text.append(section);
    }
    return text.toString();
  }

  private static String groupSection(GroupCoverage group) {
    StringBuilder s = new StringBuilder();
    s.append("<details><summary><code>")
        .append(html(group.id()))
        .append("</code> ")
        .append(html(group.name()))
        .append(" (")
        .append(TextFormatter.plural(group.targets().size(), "target"))
        .append(", ")
        .append(TextFormatter.plural(runCount(group), "check"))
        .append(", ")
        .append(
            TextFormatter.plural(
                group.alerts().values().stream()
                    .filter(GroupCoverage.AlertCoverage::covers)
                    .count(),
                "alert"))
        .append(")</summary>\n\n");
    if (!group.checks().isEmpty()) {
      s.append(
          "| check | policy | from | config changed from default | inactive |\n|---|---|---|---|---|\n");
      group
          .checks()
          .forEach(
              (name, cell) -> {
                s.append("| `").append(cell(name)).append("` | ");
                if (cell instanceof CheckCoverage.Runs runs) {
                  s.append('`')
                      .append(cell(runs.policyId()))
                      .append("` | ")
                      .append(runs.global() ? "global" : "group")
                      .append(" | ")
                      .append(
                          runs.changedKeys().isEmpty()
                              ? "—"
                              : cell(String.join(", ", runs.changedKeys())));
                } else {
                  s.append("— | not run | —");
                }
                s.append(" | ")
                    .append(
                        cell.inactivePolicies().isEmpty()
                            ? "—"
                            : cell(String.join(", ", cell.inactivePolicies())))
                    .append(" |\n");
              });
      s.append('\n');
    }
    if (!group.alerts().isEmpty()) {
      s.append("| alert | enabled rules | disabled rules |\n|---|---|---|\n");
      group
          .alerts()
          .forEach(
              (name, cell) ->
                  s.append("| `")
                      .append(cell(name))
                      .append("` | ")
                      .append(
                          cell.enabledRules().isEmpty()
                              ? "—"
                              : cell(String.join(", ", cell.enabledRules())))
                      .append(
                          cell.keepFiringFor().isEmpty()
                              ? ""
                              : " (keep_firing_for "
                                  + cell(String.join(", ", cell.keepFiringFor()))
                                  + ")")
                      .append(" | ")
                      .append(
                          cell.disabledRules().isEmpty()
                              ? "—"
                              : cell(String.join(", ", cell.disabledRules())))
                      .append(" |\n"));
      s.append('\n');
    }
    return s.append("</details>\n\n").toString();
  }

  private static long runCount(GroupCoverage group) {
    return group.checks().values().stream().filter(c -> c instanceof CheckCoverage.Runs).count();
  }

  private static boolean covers(GroupCoverage group, String alert) {
    GroupCoverage.AlertCoverage cell = group.alerts().get(alert);
    return cell != null && cell.covers();
  }

  private static String groupsWhere(
      CoverageReport report, java.util.function.Predicate<GroupCoverage> test) {
    List<String> ids = new ArrayList<>();
    for (GroupCoverage group : report.groups()) {
      if (test.test(group)) {
        ids.add(group.id());
      }
    }
    if (ids.isEmpty()) {
      return "—";
    }
    if (ids.size() == report.groups().size() && ids.size() > 1) {
      return "all " + ids.size();
    }
    return names(ids);
  }

  private static String names(List<String> ids) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(ids.size(), NAMES_SHOWN); i++) {
      s.append(i == 0 ? "" : ", ").append('`').append(cell(ids.get(i))).append('`');
    }
    if (ids.size() > NAMES_SHOWN) {
      s.append(" and ").append(ids.size() - NAMES_SHOWN).append(" more");
    }
    return s.toString();
  }

  /** Text inside a table cell: a pipe or newline would end the cell or the row. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'");
  }

  private static String html(String text) {
    return Markup.text(text);
  }
}
