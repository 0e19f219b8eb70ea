package io.aami.author;

import io.aami.model.Origin;
import io.aami.yaml.YValues;
import java.util.Map;

/** One document of a kind, as show and list present it. */
public record Entry(DocumentKind kind, String id, Origin origin) {

  /** The document's fields in source order, as plain values. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> document() {
    return (Map<String, Object>) YValues.toPlain(origin.document());
  }
}
