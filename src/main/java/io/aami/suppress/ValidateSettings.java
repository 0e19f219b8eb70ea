package io.aami.suppress;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code validate} section of {@code aami.yaml}: codes silenced for the whole repository, and
 * codes whose severity the repository changes.
 *
 * <pre>
 * validate:
 *   disable: [alert/range-too-short]
 *   severity:
 *     alert/no-condition: error
 *     alert/duplicate: off
 * </pre>
 */
public record ValidateSettings(
    List<Entry> disable, Map<String, Entry> severity, List<Diagnostic> problems) {
  public static final String SECTION = "validate";

  /** One code (or family {@code x/*}) as written, with where, and the severity it gets. */
  public record Entry(String code, SourceLocation at, Level level) {}

  public enum Level {
    ERROR,
    WARNING,
    OFF
  }

  public static final ValidateSettings NONE = new ValidateSettings(List.of(), Map.of(), List.of());

  public ValidateSettings {
    disable = List.copyOf(disable);
    severity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(severity));
    problems = List.copyOf(problems);
  }

  public static ValidateSettings parse(Settings settings) {
    Optional<YNode> section =
        settings
            .document()
            .flatMap(d -> d.get(SECTION))
            .filter(n -> !(n instanceof YScalar s && s.type() == YScalar.ScalarType.NULL));
    if (section.isEmpty()) {
      return NONE;
    }
    List<Diagnostic> problems = new ArrayList<>();
    if (!(section.get() instanceof YMap map)) {
      problems.add(
          Diagnostic.error(
              section.get().location(),
              Code.SETTINGS,
              SECTION
                  + " must be a mapping with 'disable' and 'severity', not "
                  + section.get().typeName()));
      return new ValidateSettings(List.of(), Map.of(), problems);
    }
    List<Entry> disable = new ArrayList<>();
    Map<String, Entry> severity = new LinkedHashMap<>();
    for (YMap.Entry e : map.entries()) {
      switch (e.name()) {
        case "disable" -> disable(e.value(), disable, problems);
        case "severity" -> severity(e.value(), severity, problems);
        default ->
            problems.add(
                Diagnostic.error(
                    e.key().location(),
                    Code.SETTINGS,
                    "unknown field '"
                        + e.name()
                        + "' in "
                        + SECTION
                        + "; known: disable, severity"));
      }
    }
    return new ValidateSettings(disable, severity, problems);
  }

  private static void disable(YNode node, List<Entry> into, List<Diagnostic> problems) {
    if (!(node instanceof YSeq seq)) {
      problems.add(
          Diagnostic.error(
              node.location(),
              Code.SETTINGS,
              "validate.disable must be a list of codes, e.g. [alert/range-too-short]"));
      return;
    }
    for (YNode item : seq.items()) {
      if (item instanceof YScalar s && s.isString() && CodePattern.valid(s.text())) {
        into.add(new Entry(s.text(), s.location(), Level.OFF));
      } else {
        problems.add(
            Diagnostic.error(
                item.location(),
                Code.SETTINGS,
                "an entry of validate.disable"
                    + " must be a diagnostic code such as alert/no-condition, or a family such as live/*"));
      }
    }
  }

  private static void severity(YNode node, Map<String, Entry> into, List<Diagnostic> problems) {
    if (!(node instanceof YMap map)) {
      problems.add(
          Diagnostic.error(
              node.location(),
              Code.SETTINGS,
              "validate.severity must map codes to error, warning or off"));
      return;
    }
    for (YMap.Entry e : map.entries()) {
      Optional<Level> level = e.value() instanceof YScalar s ? level(s.text()) : Optional.empty();
      if (!CodePattern.valid(e.name())) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "'"
                    + e.name()
                    + "' is not a diagnostic code such as alert/no-condition or live/*"));
      } else if (level.isEmpty()) {
        problems.add(
            Diagnostic.error(
                e.value().location(),
                Code.SETTINGS,
                "the severity of " + e.name() + " must be error, warning or off"));
      } else {
        into.put(e.name(), new Entry(e.name(), e.key().location(), level.get()));
      }
    }
  }

  private static Optional<Level> level(String text) {
    return switch (text) {
      case "error" -> Optional.of(Level.ERROR);
      case "warning" -> Optional.of(Level.WARNING);
      case "off" -> Optional.of(Level.OFF);
      default -> Optional.empty();
    };
  }
}
