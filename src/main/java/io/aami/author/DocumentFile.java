package io.aami.author;

import io.aami.edit.DocumentEditor;
import io.aami.source.RepositorySource;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file holding a document, read again so that the document can be found by its offsets (as a
 * document of its own or as an item of a {@code kind: List}) and edited in place.
 */
final class DocumentFile {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final byte[] bytes;
  private final boolean bom;
  private final ParsedYaml parsed;

  private DocumentFile(String path, byte[] bytes) {
    this.bytes = bytes;
    this.bom = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    this.parsed = YamlReader.read(path, bytes);
  }

  static DocumentFile read(RepositorySource source, String path) throws IOException {
    return new DocumentFile(path, source.read(path));
  }

  byte[] bytes() {
    return bytes;
  }

  /** The text as the loader sees it (decoded, without a byte order mark). */
  String text() {
    return parsed.text();
  }

  /** The file's bytes with {@code node} (a document or a List item) holding {@code value}. */
  byte[] replace(YNode node, Object value) {
    Place place = locate(node);
    if (place.item() < 0) {
      return encode(DocumentEditor.replace(parsed, place.document(), value));
    }
    Map<String, Object> list = listWith(place, items -> items.set(place.item(), value));
    return encode(DocumentEditor.replace(parsed, place.document(), list));
  }

  /** The file's bytes without {@code node}, or null when nothing would be left of the file. */
  byte[] remove(YNode node) {
    Place place = locate(node);
    if (place.item() >= 0 && itemsOf(place.document()).items().size() > 1) {
      Map<String, Object> list = listWith(place, items -> items.remove(place.item()));
      return encode(DocumentEditor.replace(parsed, place.document(), list));
    }
    String text = DocumentEditor.removeDocument(parsed, place.document());
    return text == null ? null : encode(text);
  }

  private record Place(int document, int item) {}

  private Place locate(YNode node) {
    List<YNode> docs = parsed.documents();
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i).startOffset() == node.startOffset()) {
        return new Place(i, -1);
      }
      YSeq items = itemsOf(i);
      for (int j = 0; items != null && j < items.items().size(); j++) {
        if (items.items().get(j).startOffset() == node.startOffset()) {
          return new Place(i, j);
        }
      }
    }
    throw new IllegalStateException(parsed.file() + " changed while it was being edited");
  }

  private YSeq itemsOf(int document) {
    return parsed.documents().get(document) instanceof YMap map
            && map.get("items").orElse(null) instanceof YSeq seq
        ? seq
        : null;
  }

  private Map<String, Object> listWith(
      Place place, java.util.function.Consumer<List<Object>> change) {
    Map<String, Object> list = new LinkedHashMap<>();
    ((Map<?, ?>) YValues.toPlain(parsed.documents().get(place.document())))
        .forEach((k, v) -> list.put((String) k, v));
    List<Object> items = new ArrayList<>((List<?>) list.get("items"));
    change.accept(items);
    list.put("items", items);
    return list;
  }

  private byte[] encode(String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (!bom) {
      return body;
    }
    byte[] out = new byte[body.length + 3];
    System.arraycopy(BOM, 0, out, 0, 3);
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }
}
