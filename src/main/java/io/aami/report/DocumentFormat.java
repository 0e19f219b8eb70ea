package io.aami.report;

import io.aami.author.DocumentKind;
import io.aami.author.Entry;
import io.aami.author.Listing;
import io.aami.edit.YamlStyle;
import io.aami.json.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Output formats of the authoring {@code list} and {@code show} commands. */
public enum DocumentFormat {
  /** Aligned columns for people, with the file and line of every document. */
  TABLE,
  /**
   * {@code {"items": [...], "page", "limit", "total"}} like the seed API; show prints the document.
   */
  JSON,
  /** The same structure as JSON, as YAML. */
  YAML;

  /** Multi-line values in a table cell show their first line and how many lines follow. */
  private static final int MAX_CELL = 80;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String list(Listing listing) {
    if (this != TABLE) {
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("items", listing.items().stream().map(Entry::document).toList());
      page.put("page", listing.page());
      page.put("limit", listing.limit());
      page.put("total", listing.total());
      return this == JSON ? CanonicalJson.write(page) : YamlStyle.blockEntries(page, 0, "\n");
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    listing.kind().columns().forEach(c -> header.add(c.header()));
    header.add("FILE");
    rows.add(header);
    for (Entry entry : listing.items()) {
      List<String> row = new ArrayList<>();
      Map<String, Object> doc = entry.document();
      for (DocumentKind.Column column : listing.kind().columns()) {
        row.add(cell(column.cell().apply(doc)));
      }
      row.add(entry.origin().location().file() + ":" + entry.origin().location().line());
      rows.add(row);
    }
    StringBuilder sb = new StringBuilder();
    if (!listing.items().isEmpty()) {
      sb.append(columns(rows));
    }
    sb.append("page ")
        .append(listing.page())
        .append(" of ")
        .append(listing.pages())
        .append(": ")
        .append(listing.items().size())
        .append(" of ")
        .append(listing.total())
        .append(' ')
        .append(listing.total() == 1 ? listing.kind().noun() : listing.kind().plural())
        .append('\n');
    return sb.toString();
  }

  public String show(Entry entry) {
    Map<String, Object> doc = entry.document();
    return switch (this) {
      case JSON -> CanonicalJson.write(doc);
      case YAML -> YamlStyle.blockEntries(doc, 0, "\n");
      case TABLE -> {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", doc, fields);
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(List.of(k, cell(v))));
        yield entry.kind().noun()
            + " "
            + entry.id()
            + " ("
            + entry.origin().location()
            + ")\n"
            + columns(rows).lines().map(l -> "  " + l + "\n").reduce("", String::concat);
      }
    };
  }

  /** Nested mappings become dotted keys; lists and scalars are written in YAML flow style. */
  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    map.forEach(
        (k, v) -> {
          String key = prefix + k;
          if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            flatten(key + ".", m, out);
          } else if (v instanceof String s) {
            out.put(key, s);
          } else {
            out.put(key, YamlStyle.flow(v));
          }
        });
  }

  private static String cell(String value) {
    String first = value.lines().findFirst().orElse("");
    long lines = value.lines().count();
    String shown = lines > 1 ? first + " … (" + lines + " lines)" : first;
    return shown.length() > MAX_CELL ? shown.substring(0, MAX_CELL - 1) + "…" : shown;
  }

  private static String columns(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
