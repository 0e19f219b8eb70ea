package io.aami.alert;

import io.aami.digest.Sha256;
import io.aami.model.Group;
import java.util.Locale;
import java.util.regex.Pattern;

/** The names aami gives to what it renders; each rule is documented in docs/ALERTS.md. */
public final class AlertNames {
  /** Group ids and other names that become file names. */
  public static final Pattern FILE_SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private AlertNames() {}

  /**
   * {@code <alert name>_<group name>}: the alert name as written (Prometheus accepts any alert name
   * without control characters, which the schema enforces), the group name with every character
   * outside {@code [A-Za-z0-9_:-]} replaced by {@code _}: {@code MountPointUnavailable_gpu-cluster}
   * stays as the seed shows it.
   */
  public static String alertName(String alertName, Group group) {
    return alertName + "_" + sanitize(group.name());
  }

  /** {@code group_<group name>_<group id>}, the group name sanitised the same way. */
  public static String ruleGroupName(Group group) {
    return sanitize("group_" + group.name() + "_" + group.id());
  }

  static String sanitize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    name.codePoints().forEach(c -> sb.append(isAlertNameChar(c) ? (char) c : '_'));
    return sb.toString();
  }

  private static boolean isAlertNameChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == ':'
        || c == '-';
  }

  /**
   * A DNS-1123 subdomain for the PrometheusRule of a group: {@code prefix + group id}, lowercased,
   * every character outside {@code [a-z0-9.-]} replaced by {@code -}. When that changes the id (so
   * two ids such as {@code GPU} and {@code gpu} could collide), or the name needs cutting to 253
   * characters, the first 10 hex digits of the id's SHA-256 are appended. The name is unique per
   * group id without any bookkeeping between groups.
   */
  public static String prometheusRuleName(String prefix, String groupId) {
    String plain = prefix + groupId;
    String lowered = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    if (lowered.equals(plain) && isDns1123Subdomain(lowered)) {
      return lowered;
    }
    String suffix = "-" + Sha256.hex(groupId).substring(0, 10);
    String base = lowered.replaceAll("[.-]{2,}", "-");
    base =
        base.length() > DNS1123_SUBDOMAIN_MAX - suffix.length()
            ? base.substring(0, DNS1123_SUBDOMAIN_MAX - suffix.length())
            : base;
    base = base.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
    return base.isEmpty() ? "aami" + suffix : base + suffix;
  }

  public static boolean isDns1123Subdomain(String name) {
    return name.length() <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.matcher(name).matches();
  }
}
