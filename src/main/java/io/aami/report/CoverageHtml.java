package io.aami.report;

import io.aami.coverage.CheckCoverage;
import io.aami.coverage.CoverageReport;
import io.aami.coverage.GroupCoverage;

/**
 * The coverage report as one self-contained HTML page (no network: inline CSS and script): a matrix
 * of groups × checks then alerts, with sticky headers and first column and a filter box for groups.
 * Written as well-formed XHTML-compatible markup so tests can parse it as XML, which is also why
 * the script avoids {@code <} and {@code &}.
 */
final class CoverageHtml {
  private CoverageHtml() {}

  private static final String STYLE =
      """
      body{font-family:system-ui,sans-serif;margin:1rem;color:#222}
      .wrap{overflow:auto;max-height:85vh;border:1px solid #ccc}
      table{border-collapse:separate;border-spacing:0;font-size:12px}
      th,td{border-right:1px solid #ddd;border-bottom:1px solid #ddd;padding:2px 6px;white-space:nowrap;text-align:center}
      thead th{position:sticky;top:0;background:#f4f4f4;z-index:2}
      th.v{writing-mode:vertical-rl;transform:rotate(180deg);height:12em;text-align:left}
      tbody th{position:sticky;left:0;background:#fafafa;text-align:left;z-index:1}
      thead th.corner{left:0;z-index:3}
      td.group{background:#cde8cd}td.global{background:#e4f1e4}td.inactive{background:#f6e3c6}
      td.none{background:#f3d0d0}td.alert{background:#cfe0f5}td.nalert{background:#f3d0d0}
      .legend span{display:inline-block;padding:1px 6px;margin-right:6px;border:1px solid #ccc}
      """;

  private static final String SCRIPT =
      """
      function filterRows(){
        var q=document.getElementById('filter').value.toLowerCase();
        var rows=document.querySelectorAll('tbody tr');
        rows.forEach(function(row){
          var key=row.getAttribute('data-group');
          row.style.display=key.indexOf(q)===-1?'none':'';
        });
      }
      """;

  static String format(CoverageReport report) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>aami coverage</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n")
        .append("<script>\n")
        .append(SCRIPT)
        .append("</script>\n</head>\n<body>\n")
        .append("<h1>aami coverage</h1>\n<p>")
        .append(CoverageMarkdown.summary(report))
        .append("</p>\n");
    if (!report.ungroupedTargets().isEmpty()) {
      h.append("<p><strong>Targets in no group</strong> (they get checks but are not scraped): ")
          .append(escape(String.join(", ", report.ungroupedTargets())))
          .append("</p>\n");
    }
    h.append("<p>Checks whose declared metrics no alert reads: ")
        .append(escape(listOrNone(report.checksWithoutAlerts())))
        .append(". Checks that declare no metrics: ")
        .append(escape(listOrNone(report.checksWithoutDeclaredMetrics())))
        .append(". Alerts reading metrics no check declares: ")
        .append(
            escape(
                report.alertsOnUndeclaredMetrics().isEmpty()
                    ? "none"
                    : report.alertsOnUndeclaredMetrics().toString()))
        .append(".</p>\n");
    h.append("<p class=\"legend\"><span class=\"l-group\">G own group policy</span>")
        .append("<span>g global policy</span><span>off inactive only</span>")
        .append("<span>✗ not run / no enabled rule</span><span>A alert rule</span>")
        .append(" (hover a cell for the policy and the changed config)</p>\n")
        .append(
            "<p><label>Filter groups: <input id=\"filter\" type=\"search\" oninput=\"filterRows()\"/>")
        .append(
            "</label></p>\n<div class=\"wrap\">\n<table>\n<thead>\n<tr><th class=\"corner\">group")
        .append(" (targets)</th>");
    for (String check : report.checks()) {
      h.append("<th class=\"v\" title=\"check\">").append(escape(check)).append("</th>");
    }
    for (String alert : report.alerts()) {
      h.append("<th class=\"v\" title=\"alert\">⚑ ").append(escape(alert)).append("</th>");
    }
    h.append("</tr>\n</thead>\n<tbody>\n");
    for (GroupCoverage group : report.groups()) {
      h.append("<tr data-group=\"")
          .append(escape((group.id() + " " + group.name()).toLowerCase(java.util.Locale.ROOT)))
          .append("\"><th title=\"")
          .append(escape(group.name()))
          .append("\">")
          .append(escape(group.id()))
          .append(" (")
          .append(group.targets().size())
          .append(")</th>");
      for (String check : report.checks()) {
        h.append(checkCell(group.checks().get(check)));
      }
      for (String alert : report.alerts()) {
        GroupCoverage.AlertCoverage cell = group.alerts().get(alert);
        if (cell != null && cell.covers()) {
          h.append("<td class=\"alert\" title=\"")
              .append(escape(String.join(", ", cell.enabledRules())))
              .append("\">A</td>");
        } else {
          h.append("<td class=\"nalert\">✗</td>");
        }
      }
      h.append("</tr>\n");
    }
    return h.append("</tbody>\n</table>\n</div>\n</body>\n</html>\n").toString();
  }

  private static String checkCell(CheckCoverage cell) {
    if (cell instanceof CheckCoverage.Runs runs) {
      String title =
          runs.policyId()
              + (runs.changedKeys().isEmpty()
                  ? ""
                  : "; config: " + String.join(", ", runs.changedKeys()))
              + (runs.inactivePolicies().isEmpty()
                  ? ""
                  : "; inactive: " + String.join(", ", runs.inactivePolicies()));
      return "<td class=\""
          + (runs.global() ? "global" : "group")
          + "\" title=\""
          + escape(title)
          + "\">"
          + (runs.global() ? "g" : "G")
          + (runs.changedKeys().isEmpty() ? "" : "*")
          + "</td>";
    }
    if (cell instanceof CheckCoverage.OnlyInactive inactive) {
      return "<td class=\"inactive\" title=\""
          + escape(String.join(", ", inactive.inactivePolicies()))
          + "\">off</td>";
    }
    return "<td class=\"none\">✗</td>";
  }

  private static String listOrNone(java.util.List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String escape(String text) {
    return Markup.attribute(text);
  }
}
