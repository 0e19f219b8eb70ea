package io.aami.render.checks;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Suggestions;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code publish} section of {@code aami.yaml}: which forms of the checks API are published.
 *
 * <pre>
 * publish:
 *   inline_checks: false   # default true: api/v1 documents with every script inline
 * </pre>
 *
 * The compact documents and the content-addressed scripts are always published; the inline
 * documents are what agents that predate them read, and can be switched off for large fleets, where
 * they are nine tenths of the site's bytes.
 */
public record PublishSettings(boolean inlineChecks) {
  public static final String SECTION = "publish";
  public static final PublishSettings DEFAULT = new PublishSettings(true);
  private static final String INLINE_CHECKS = "inline_checks";
  private static final Set<String> FIELDS = Set.of(INLINE_CHECKS);

  /**
   * The settings with every valid field applied, and a located diagnostic for every invalid one.
   */
  public record Parsed(PublishSettings settings, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Parsed parse(Settings settings) {
    Optional<YNode> section =
        settings.document().flatMap(d -> d.get(SECTION)).filter(n -> !isNull(n));
    if (section.isEmpty()) {
      return new Parsed(DEFAULT, List.of());
    }
    List<Diagnostic> problems = new ArrayList<>();
    if (!(section.get() instanceof YMap map)) {
      problems.add(
          Diagnostic.error(
              section.get().location(),
              Code.SETTINGS,
              SECTION + " must be a mapping, not " + section.get().typeName()));
      return new Parsed(DEFAULT, problems);
    }
    for (YMap.Entry e : map.entries()) {
      if (!FIELDS.contains(e.name())) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "unknown field '"
                    + e.name()
                    + "' in "
                    + SECTION
                    + "; known: "
                    + INLINE_CHECKS
                    + Suggestions.didYouMean(e.name(), FIELDS)));
      }
    }
    boolean inline = DEFAULT.inlineChecks();
    Optional<YNode> value = map.get(INLINE_CHECKS).filter(n -> !isNull(n));
    if (value.isPresent()) {
      if (value.get() instanceof YScalar s && s.type() == YScalar.ScalarType.BOOLEAN) {
        inline = (Boolean) s.value();
      } else {
        problems.add(
            Diagnostic.error(
                value.get().location(),
                Code.SETTINGS,
                SECTION
                    + "."
                    + INLINE_CHECKS
                    + " must be true or false, not "
                    + value.get().typeName()));
      }
    }
    return new Parsed(new PublishSettings(inline), problems);
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL;
  }
}
