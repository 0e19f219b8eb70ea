package io.aami.suppress;

import io.aami.diag.SourceLocation;
import io.aami.model.Settings;
import io.aami.model.SettingsSection;
import io.aami.yaml.YMap;
import io.aami.yaml.YScalar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
public record ValidateSettings(List<Entry> disable, Map<String, Entry> severity) {
  public static final String SECTION = "validate";

  /** One code (or family {@code x/*}) as written, with where, and the severity it gets. */
  public record Entry(String code, SourceLocation at, Level level) {}

  public enum Level {
    ERROR,
    WARNING,
    OFF
  }

  public static final ValidateSettings NONE = new ValidateSettings(List.of(), Map.of());

  public ValidateSettings {
    disable = List.copyOf(disable);
    severity = Collections.unmodifiableMap(new LinkedHashMap<>(severity));
  }

  /** The section as the schema let it through: valid codes and levels only. */
  public static ValidateSettings of(Settings settings) {
    Optional<SettingsSection> section = settings.section(SECTION);
    if (section.isEmpty()) {
      return NONE;
    }
    List<Entry> disable =
        section.get().list("disable").stream()
            .map(code -> new Entry(code.text(), code.location(), Level.OFF))
            .toList();
    Map<String, Entry> severity = new LinkedHashMap<>();
    section
        .get()
        .section("severity")
        .ifPresent(
            levels -> {
              for (YMap.Entry e : levels.map().entries()) {
                YScalar value = (YScalar) e.value();
                // YAML 1.1 reads an unquoted off as false.
                Level level =
                    value.type() == YScalar.ScalarType.BOOLEAN
                        ? Level.OFF
                        : Level.valueOf(value.text().toUpperCase(Locale.ROOT));
                severity.put(e.name(), new Entry(e.name(), e.key().location(), level));
              }
            });
    return new ValidateSettings(disable, severity);
  }
}
