package io.aami.alert;

import io.aami.model.Group;
import io.aami.model.Settings;

/**
 * How a group rule's alert is named, from {@code aami.yaml} ({@code alerts: {group_suffix: ...}}):
 * {@code <name>_<group name>} as the design document has it (true, the default), or the name alone
 * (false), which Alertmanager routes and inhibitions matching {@code alertname} keep matching. A
 * rule with {@code exact_name: true} is named as written in both modes. docs/ALERTS.md says what
 * each mode means for routing.
 */
public record AlertNaming(boolean groupSuffix) {
  public static final AlertNaming DEFAULT = new AlertNaming(true);

  public static AlertNaming of(Settings settings) {
    return settings
        .section("alerts")
        .flatMap(alerts -> alerts.bool("group_suffix"))
        .map(AlertNaming::new)
        .orElse(DEFAULT);
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
