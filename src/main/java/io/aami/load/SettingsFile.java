package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.model.Settings;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code aami.yaml} the way the documents are read: parsed, checked against {@code
 * settings.schema.json} (located errors, did-you-mean hints for misspelt keys), then bound. Every
 * node that breaks the schema is left out of the settings, so each section binds what is valid and
 * keeps its defaults for the rest; the sections' records therefore read a tree whose shape the
 * schema has vouched for, and check only what a schema cannot say.
 */
final class SettingsFile {
  private SettingsFile() {}

  /**
   * The settings of {@code parsed}, after reporting its problems; the defaults when it has none.
   */
  static Settings bind(ParsedYaml parsed, SchemaCheck schemaCheck, Diagnostics problems) {
    List<YNode> docs = parsed.documents();
    if (docs.isEmpty()) {
      return Settings.DEFAULT;
    }
    if (docs.size() > 1 || !(docs.get(0) instanceof YMap map)) {
      problems.error(docs.get(0).location(), Code.SETTINGS, "aami.yaml must hold one mapping");
      return Settings.DEFAULT;
    }
    return without(map, schemaCheck.settingsViolations(map))
        .map(valid -> new Settings(parsed.file(), Optional.of(valid)))
        .orElse(Settings.DEFAULT);
  }

  /**
   * {@code doc} without the nodes the pointers designate (or, for a pointer to something absent,
   * such as a missing required field, without its nearest present ancestor); empty when that is the
   * whole document. Linear in the size of the document.
   */
  static Optional<YMap> without(YMap doc, List<String> pointers) {
    Set<List<String>> cut = new HashSet<>();
    for (String pointer : pointers) {
      String present = pointer;
      while (!present.isEmpty() && YValues.at(doc, present).isEmpty()) {
        present = present.substring(0, present.lastIndexOf('/'));
      }
      if (present.isEmpty()) {
        return Optional.empty();
      }
      cut.add(List.copyOf(YValues.pointerTokens(present)));
    }
    return Optional.of(cut.isEmpty() ? doc : (YMap) pruned(doc, new ArrayList<>(), cut));
  }

  private static YNode pruned(YNode node, List<String> path, Set<List<String>> cut) {
    if (node instanceof YMap map) {
      List<YMap.Entry> kept = new ArrayList<>();
      for (YMap.Entry e : map.entries()) {
        path.add(e.name());
        if (!cut.contains(path)) {
          kept.add(new YMap.Entry(e.key(), pruned(e.value(), path, cut)));
        }
        path.remove(path.size() - 1);
      }
      return new YMap(kept, map.location(), map.startOffset(), map.endOffset());
    }
    if (node instanceof YSeq seq) {
      List<YNode> kept = new ArrayList<>();
      for (int i = 0; i < seq.items().size(); i++) {
        path.add(String.valueOf(i));
        if (!cut.contains(path)) {
          kept.add(pruned(seq.items().get(i), path, cut));
        }
        path.remove(path.size() - 1);
      }
      return new YSeq(kept, seq.location(), seq.startOffset(), seq.endOffset());
    }
    return node;
  }
}
