package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Group;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.List;
import java.util.Optional;

/**
 * How a group rule's alert is named, from {@code aami.yaml} ({@code alerts: {group_suffix: ...}}):
 * {@code <name>_<group name>} as the design document has it (true, the default), or the name alone
 * (false), which Alertmanager routes and inhibitions matching {@code alertname} keep matching. A
 * rule with {@code exact_name: true} is named as written in both modes. docs/ALERTS.md says what
 * each mode means for routing. Its diagnostics are reported by the alert checks.
 */
public record AlertNaming(boolean groupSuffix, List<Diagnostic> diagnostics) {
  public static final AlertNaming DEFAULT = new AlertNaming(true, List.of());

  public static AlertNaming of(Settings settings) {
    Optional<YNode> alerts = settings.document().flatMap(d -> d.get("alerts"));
    if (alerts.isEmpty()) {
      return DEFAULT;
    }
    if (!(alerts.get() instanceof YMap map)) {
      return invalid(alerts.get(), "alerts must be a mapping, e.g. alerts: {group_suffix: false}");
    }
    for (YMap.Entry entry : map.entries()) {
      if (!entry.name().equals("group_suffix")) {
        return invalid(
            entry.key(),
            "unknown setting alerts."
                + entry.name()
                + "; the alerts section has group_suffix (true or false)");
      }
    }
    Optional<YNode> suffix = map.get("group_suffix");
    if (suffix.isEmpty()) {
      return DEFAULT;
    }
    if (suffix.get() instanceof YScalar s && s.type() == YScalar.ScalarType.BOOLEAN) {
      return new AlertNaming((Boolean) s.value(), List.of());
    }
    return invalid(
        suffix.get(),
        "alerts.group_suffix must be true (alerts named <name>_<group name>)"
            + " or false (the name alone)");
  }

  private static AlertNaming invalid(YNode at, String message) {
    return new AlertNaming(true, List.of(Diagnostic.error(at.location(), Code.SETTINGS, message)));
  }

  /**
   * The rendered name of an alert named {@code name} in {@code group} (null: a global rule, never
   * suffixed): the name as written, with {@code _<group name>} appended in the suffix mode unless
   * the rule asks for its exact name.
   */
  public String alertName(String name, Group group, boolean exact) {
    return exact || group == null || !groupSuffix ? name : AlertNames.alertName(name, group);
  }
}
