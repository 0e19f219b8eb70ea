package io.aami.alert;

import io.aami.diag.Code;
import io.aami.gotemplate.Action;
import io.aami.gotemplate.GoTemplateLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders aami placeholders in an annotation or label value and leaves Prometheus template syntax
 * byte for byte as written (Prometheus expands it when the alert fires). A value that contains
 * <code>{{</code> is refused: Prometheus would execute it as a template.
 */
public final class TextExpander {
  /** The rendered text (null when an error prevents it) and problems. */
  public record Result(String text, List<FieldProblem> problems) {}

  private TextExpander() {}

  /**
   * Problems of the text alone: a Prometheus action that starts with a field Prometheus does not
   * have ({@code {{ .mount_path | quote }}}), which is a mistyped aami placeholder, and a <code>{{
   * </code> never closed, which makes Prometheus refuse the rule file.
   */
  public static List<FieldProblem> lint(String template) {
    List<FieldProblem> problems = new ArrayList<>(syntax(template));
    TemplateAction.unclosedOpening(template)
        .ifPresent(
            open ->
                problems.add(
                    FieldProblem.error(
                        Code.PLACEHOLDER,
                        "'{{' at character "
                            + (open + 1)
                            + " is never closed by '}}'; Prometheus"
                            + " would refuse the whole rule file (template: unclosed action)")));
    for (TemplateAction action : TemplateAction.scan(template)) {
      action
          .strayFieldReference()
          .ifPresent(
              stray ->
                  problems.add(
                      FieldProblem.error(
                          Code.PLACEHOLDER,
                          "'"
                              + action.text()
                              + "' refers to '."
                              + stray
                              + "', which is not a field"
                              + " of Prometheus's template data ("
                              + String.join(", ", new TreeSet<>(TemplateAction.PROMETHEUS_FIELDS))
                              + "); an aami placeholder must be exactly {{ ."
                              + stray
                              + " }}")));
    }
    return problems;
  }

  /**
   * The first problem Prometheus's template parser would report ({@code {{ $nope }}}, {@code {{
   * $labels. }}}, an unknown function, an unbalanced {@code end}), unless the plain unclosed-<code>
   * {{</code> check below reports the text already.
   */
  private static List<FieldProblem> syntax(String template) {
    if (TemplateAction.unclosedOpening(template).isPresent()) {
      return List.of();
    }
    return PrometheusTemplates.check(template)
        .map(
            p ->
                List.of(
                    FieldProblem.errorAt(
                        p.offset(),
                        Code.ALERT_TEMPLATE,
                        "Prometheus would refuse this template (and with it the whole rule file):"
                            + " character "
                            + (p.offset() + 1)
                            + ": "
                            + p.message())))
        .orElse(List.of());
  }

  /**
   * Values are checked one by one for <code>{{</code>, but two can still join into an action
   * ({@code '{'} then <code>'{ query "up" }}'</code>), or one can join a brace of the template: so
   * the rendered text is lexed as Prometheus will lex it, and its actions must be exactly the
   * template's own Prometheus actions, in order.
   */
  static Optional<FieldProblem> injection(String template, String rendered) {
    GoTemplateLexer.Result after = GoTemplateLexer.lex(rendered);
    if (after.problem() != null) {
      return Optional.of(
          FieldProblem.error(
              Code.PLACEHOLDER,
              "with the placeholder values"
                  + " substituted the text is no longer a valid Prometheus template ("
                  + after.problem().message()
                  + " at character "
                  + (after.problem().offset() + 1)
                  + " of '"
                  + rendered
                  + "')"));
    }
    List<String> written = new ArrayList<>();
    GoTemplateLexer.Result before = GoTemplateLexer.lex(template);
    for (Action action : before.actions()) {
      boolean placeholder =
          TemplateAction.placeholderAt(template, action.start())
              .filter(p -> p.end() == action.end())
              .isPresent();
      if (!placeholder) {
        written.add(action.text(template));
      }
    }
    List<String> actual = after.actions().stream().map(a -> a.text(rendered)).toList();
    if (actual.equals(written)) {
      return Optional.empty();
    }
    String extra =
        actual.stream()
            .filter(a -> !written.contains(a))
            .findFirst()
            .orElse(actual.size() < written.size() ? "(an action fewer)" : actual.toString());
    return Optional.of(
        FieldProblem.error(
            Code.PLACEHOLDER,
            "the placeholder values form"
                + " the Prometheus template action '"
                + extra
                + "', which the template does not contain;"
                + " Prometheus would execute it when the alert fires (rendered text: '"
                + rendered
                + "')"));
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
    if (!failed) {
      Optional<FieldProblem> injected = injection(template, out.toString());
      if (injected.isPresent()) {
        problems.add(injected.get());
        failed = true;
      }
    }
    return new Result(failed ? null : out.toString(), problems);
  }

  private static Optional<String> value(
      String name, PlaceholderScope scope, List<FieldProblem> problems) {
    Optional<String> text = scope.text(name, problems);
    if (text.isPresent() && text.get().contains("{{")) {
      problems.add(
          FieldProblem.error(
              Code.PLACEHOLDER,
              "value '"
                  + text.get()
                  + "' of placeholder '"
                  + name
                  + "' contains '{{', which Prometheus would execute as a template"));
      return Optional.empty();
    }
    return text;
  }
}
