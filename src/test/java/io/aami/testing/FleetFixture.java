package io.aami.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated fleet, large enough that a render's threads (hashing, signing, the second renderer
 * thread) interleave for real: templates applied globally and per group, targets in one or two
 * groups, template-based and direct alert rules. Same arguments, same files.
 */
public final class FleetFixture {
  private FleetFixture() {}

  public static Path write(Path root, int targets, int groups, int templates) throws IOException {
    StringBuilder policies = new StringBuilder();
    for (int t = 0; t < templates; t++) {
      String name = "check-%03d".formatted(t);
      StringBuilder script = new StringBuilder("  #!/usr/bin/env bash\n");
      for (int line = 0; line < 20 + t % 7; line++) {
        script.append("  # step ").append(line).append(" of ").append(name).append('\n');
      }
      script.append("  echo '").append(name.replace('-', '_')).append(" 1'\n");
      write(
          root.resolve("templates/" + name + ".yaml"),
          "apiVersion: aami/v1\nkind: ScriptTemplate\nname: "
              + name
              + "\nscript_type: synthetic\nlanguage: bash\nversion: 1.0.0\nscript_content: |\n"
              + script
              + "default_config:\n  threshold: 80\n");
      policies.append(
          document(
              "ScriptPolicy",
              "id: global-"
                  + name
                  + "\nscope: global\ntemplate_id: "
                  + name
                  + "\nconfig:\n  threshold: 90\n"));
    }
    StringBuilder groupDocs = new StringBuilder();
    StringBuilder rules = new StringBuilder();
    for (int g = 0; g < groups; g++) {
      String id = "group-%03d".formatted(g);
      groupDocs.append(
          document("Group", "id: " + id + "\nname: " + id + "\npriority: " + g + "\n"));
      policies.append(
          document(
              "ScriptPolicy",
              "id: pol-"
                  + id
                  + "\nscope: group\ngroup_id: "
                  + id
                  + "\ntemplate_id: check-%03d".formatted(g % templates)
                  + "\npriority: "
                  + (100 + g)
                  + "\nconfig:\n  threshold: "
                  + (50 + g % 40)
                  + "\n"));
      rules.append(
          document(
              "AlertRule",
              "id: rule-"
                  + id
                  + "\ngroup_id: "
                  + id
                  + "\ntemplate_id: check-failed"
                  + "\nconfig:\n  check: check-%03d".formatted(g % templates)
                  + "\n  for_duration: "
                  + (1 + g % 9)
                  + "m\n"));
      rules.append(
          document(
              "AlertRule",
              "id: high-"
                  + id
                  + "\ngroup_id: "
                  + id
                  + "\nname: SyntheticHigh"
                  + g
                  + "\nseverity: critical\nquery_template: 'synthetic_value{aami_groups=~\".*,{{ .group_id }},.*\"} > "
                  + g
                  + "'\nconfig:\n  for_duration: 10m\n"));
    }
    write(
        root.resolve("templates/alerts/check-failed.yaml"),
        "apiVersion: aami/v1\nkind: AlertTemplate\n"
            + "id: check-failed\nname: CheckFailed\nseverity: warning\nquery_template: 'aami_check_success{"
            + "aami_groups=~\".*,{{ .group_id }},.*\", check=\"{{ .check }}\"} == 0'\ndefault_config:\n"
            + "  for_duration: 5m\n  check: check-000\n  annotations:\n"
            + "    summary: '{{ $labels.check }} failed on {{ $labels.instance }}'\n");
    StringBuilder targetDocs = new StringBuilder();
    for (int n = 0; n < targets; n++) {
      String id = "node-%05d".formatted(n);
      String groupList =
          n % 2 == 0
              ? "group-%03d".formatted(n % groups)
              : "group-%03d, group-%03d".formatted(n % groups, (n * 7 + 3) % groups);
      targetDocs.append(
          document(
              "Target",
              "id: "
                  + id
                  + "\nhostname: "
                  + id
                  + ".fleet.example\naddress: "
                  + id
                  + ".fleet.example:9100\ngroups: ["
                  + groupList
                  + "]\n"));
    }
    write(root.resolve("policies/scripts/policies.yaml"), policies.toString());
    write(root.resolve("policies/alerts/rules.yaml"), rules.toString());
    write(root.resolve("inventory/groups.yaml"), groupDocs.toString());
    write(root.resolve("inventory/targets/targets.yaml"), targetDocs.toString());
    return root;
  }

  private static String document(String kind, String body) {
    return "---\napiVersion: aami/v1\nkind: " + kind + "\n" + body;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
