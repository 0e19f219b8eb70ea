package io.aami.alert;

import io.aami.diag.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders aami placeholders in an annotation or label value and leaves Prometheus template
 * syntax byte for byte as written (Prometheus expands it when the alert fires). A value that
 * contains {@code {{} is refused: Prometheus would execute it as a template.
 */
public final class TextExpander {
  /** The rendered text (null when an error prevents it) and problems. */
  public record Result(String text, List<FieldProblem> problems) {}

  private TextExpander() {}

  /**
   * Problems of the text alone: a Prometheus action that starts with a field Prometheus does not
   * have ({@code {{ .mount_path | quote }}}), which is a mistyped aami placeholder, and a
   * {@code {{} never closed, which makes Prometheus refuse the rule file.
   */
  public static List<FieldProblem> lint(String template) {
    List<FieldProblem> problems = new ArrayList<>();
    TemplateAction.unclosedOpening(template).ifPresent(open -> problems.add(FieldProblem.error(
        Code.PLACEHOLDER, "'{{' at character " + (open + 1) + " is never closed by '}}'; Prometheus"
            + " would refuse the whole rule file (template: unclosed action)")));
    for (TemplateAction action : TemplateAction.scan(template)) {
      action.strayFieldReference().ifPresent(stray -> problems.add(FieldProblem.error(
          Code.PLACEHOLDER, "'" + action.text() + "' refers to '." + stray + "', which is not a field"
              + " of Prometheus's template data ("
              + String.join(", ", new TreeSet<>(TemplateAction.PROMETHEUS_FIELDS))
              + "); an aami placeholder must be exactly {{ ." + stray + " }}")));
    }
    return problems;
  }

  public static Result expand(String template, PlaceholderScope scope) {
    List<FieldProblem> problems = new ArrayList<>(lint(template));
    StringBuilder out = new StringBuilder(template.length() + 16);
    int copied = 0;
    boolean failed = !problems.isEmpty();
    for (TemplateAction action : TemplateAction.scan(template)) {
      if (!action.isPlaceholder()) {
        continue;
      }
      String name = action.placeholder().orElseThrow();
      Optional<String> value = value(name, scope, problems);
      if (value.isEmpty()) {
        failed = true;
        continue;
      }
      out.append(template, copied, action.start()).append(value.get());
      copied = action.end();
    }
    out.append(template, copied, template.length());
    return new Result(failed ? null : out.toString(), problems);
  }

  private static Optional<String> value(String name, PlaceholderScope scope, List<FieldProblem> problems) {
    Optional<String> text = scope.text(name, problems);
    if (text.isPresent() && text.get().contains("{{")) {
      problems.add(FieldProblem.error(Code.PLACEHOLDER, "value '" + text.get() + "' of placeholder '"
          + name + "' contains '{{', which Prometheus would execute as a template"));
      return Optional.empty();
    }
    return text;
  }
}
