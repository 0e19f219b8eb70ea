package io.aami.load;

import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ids a broken document or file probably declares. When a document cannot be bound, or a file
 * cannot be parsed past some point, the objects it declares are still known to exist, so that one
 * typo is reported once instead of again at every reference to them.
 */
final class DeclaredIds {
  /** {@code id: x} or {@code name: x} on a line of its own, possibly as a list item. */
  private static final Pattern DECLARATION =
      Pattern.compile(
          "^[ \\t]*(?:-[ \\t]+)?[\"']?(?:id|name)[\"']?[ \\t]*:[ \\t]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?"
              + "[ \\t]*(?:#.*)?$",
          Pattern.MULTILINE);

  private DeclaredIds() {}

  /** The value of a document's id field ({@code name} for ScriptTemplates, else {@code id}). */
  static Optional<String> idOf(YMap doc, String idField) {
    return doc.get(idField).filter(YScalar.class::isInstance).map(n -> ((YScalar) n).text());
  }

  /** Every id a mapping of unknown kind may declare: its {@code id} and {@code name}. */
  static Set<String> candidates(YNode node) {
    Set<String> ids = new TreeSet<>();
    if (node instanceof YMap doc) {
      idOf(doc, "id").ifPresent(ids::add);
      idOf(doc, "name").ifPresent(ids::add);
    }
    return ids;
  }

  /**
   * A line-based scan of a file the YAML parser gave up on (or could not decode): every {@code
   * id:}/{@code name:} value that looks like an id.
   */
  static Set<String> scan(String text) {
    Set<String> ids = new TreeSet<>();
    Matcher m = DECLARATION.matcher(text);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
