package io.aami.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code {{ ... }}} action in a text, classified as an aami placeholder or as Prometheus
 * template syntax.
 *
 * <p>The rule that tells them apart: an action is an aami placeholder exactly when its whole body
 * is a single field reference {@code .name} (spaces or tabs allowed around it), {@code name}
 * matches {@code [A-Za-z_][A-Za-z0-9_]*}, and {@code name} is not one of the fields of Prometheus's
 * own alert template data ({@code Labels}, {@code ExternalLabels}, {@code ExternalURL}, {@code
 * Value}). Everything else ({@code {{ $labels.path }}}, {@code {{ $value }}}, {@code {{ humanize
 * $value }}}, {@code {{ .Labels.x }}}, {@code {{ .Value }}}, pipelines, trim markers {@code {{-
 * }}}) belongs to Prometheus.
 *
 * @param start offset of the opening <code>{{</code>
 * @param end offset just after the closing <code>}}</code>
 * @param body the text between the braces
 * @param placeholder the aami parameter name when this is an aami placeholder
 */
public record TemplateAction(int start, int end, String body, Optional<String> placeholder) {

  /**
   * The fields of Prometheus's alert template data; {@code {{ .Value }}} etc. stay Prometheus's.
   */
  public static final Set<String> PROMETHEUS_FIELDS =
      Set.of("Labels", "ExternalLabels", "ExternalURL", "Value");

  private static final Pattern PLACEHOLDER_BODY =
      Pattern.compile("[ \\t]*\\.([A-Za-z_][A-Za-z0-9_]*)[ \\t]*");
  private static final Pattern LEADING_FIELD = Pattern.compile("^\\.([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * aami placeholders as the holes of a query template ({@link io.aami.promql.QueryTemplate}), for
   * one reading of one text: asked at every character, it remembers the closing <code>}}</code> it
   * found last and checks a body where it stands, so a text of many <code>{{</code> stays linear.
   */
  public static io.aami.promql.QueryTemplate.Holes placeholders() {
    return new io.aami.promql.QueryTemplate.Holes() {
      private int searchedFrom = Integer.MAX_VALUE;
      private int close = -1;

      @Override
      public int end(String text, int at) {
        if (!text.startsWith("{{", at)) {
          return -1;
        }
        boolean known = searchedFrom <= at + 2 && (close < 0 || close >= at + 2);
        if (!known) {
          searchedFrom = at + 2;
          close = text.indexOf("}}", at + 2);
        }
        if (close < 0) {
          return -1;
        }
        Matcher m = PLACEHOLDER_BODY.matcher(text).region(at + 2, close);
        return m.matches() && !PROMETHEUS_FIELDS.contains(m.group(1)) ? close + 2 : -1;
      }
    };
  }

  /** Every complete {@code {{ ... }}} action in {@code text}, in order. */
  public static List<TemplateAction> scan(String text) {
    List<TemplateAction> actions = new ArrayList<>();
    int open = text.indexOf("{{");
    while (open >= 0) {
      Optional<TemplateAction> action = actionAt(text, open);
      if (action.isEmpty()) {
        break;
      }
      actions.add(action.get());
      open = text.indexOf("{{", action.get().end());
    }
    return actions;
  }

  /**
   * The offset of a <code>{{</code> that no <code>}}</code> follows, if there is one. Go templates
   * reject it ("unclosed action"), and Prometheus with it the whole rule file.
   */
  public static OptionalInt unclosedOpening(String text) {
    List<TemplateAction> actions = scan(text);
    // scan stops at the first {{ that nothing closes, so it is the next one after the last action.
    int open = text.indexOf("{{", actions.isEmpty() ? 0 : actions.get(actions.size() - 1).end());
    return open < 0 ? OptionalInt.empty() : OptionalInt.of(open);
  }

  /** The aami placeholder starting exactly at {@code offset}, if one does. */
  public static Optional<TemplateAction> placeholderAt(String text, int offset) {
    if (!text.startsWith("{{", offset)) {
      return Optional.empty();
    }
    return actionAt(text, offset).filter(TemplateAction::isPlaceholder);
  }

  /** The action whose <code>{{</code> is at {@code open}, when a <code>}}</code> closes it. */
  private static Optional<TemplateAction> actionAt(String text, int open) {
    int close = text.indexOf("}}", open + 2);
    if (close < 0) {
      return Optional.empty();
    }
    return Optional.of(classify(open, close + 2, text.substring(open + 2, close)));
  }

  private static TemplateAction classify(int start, int end, String body) {
    Matcher m = PLACEHOLDER_BODY.matcher(body);
    if (m.matches() && !PROMETHEUS_FIELDS.contains(m.group(1))) {
      return new TemplateAction(start, end, body, Optional.of(m.group(1)));
    }
    return new TemplateAction(start, end, body, Optional.empty());
  }

  public boolean isPlaceholder() {
    return placeholder.isPresent();
  }

  /** The action as written, e.g. {@code {{ .mount_path }}}. */
  public String text() {
    return "{{" + body + "}}";
  }

  /**
   * For a Prometheus action that starts with a field reference which is not a Prometheus field
   * ({@code {{ .mount_path | quote }}}, {@code {{- .x }}}, {@code {{ .x.y }}}): that field's name.
   * Such an action is almost certainly a mistyped aami placeholder, since Prometheus would fail on
   * it when the alert fires.
   */
  public Optional<String> strayFieldReference() {
    if (isPlaceholder()) {
      return Optional.empty();
    }
    String trimmed = body.strip();
    if (trimmed.startsWith("-")) {
      trimmed = trimmed.substring(1).strip();
    }
    Matcher m = LEADING_FIELD.matcher(trimmed);
    if (m.find() && !PROMETHEUS_FIELDS.contains(m.group(1))) {
      return Optional.of(m.group(1));
    }
    return Optional.empty();
  }
}
