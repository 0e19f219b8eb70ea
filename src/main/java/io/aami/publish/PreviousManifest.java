package io.aami.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest of the site an output directory holds, read as a stream (a fleet's is tens of
 * megabytes): its entries let a render skip hashing the files it has just proven unchanged. {@code
 * written} is the manifest file's mtime: a file not modified since then still has the bytes the
 * manifest hashed.
 */
final class PreviousManifest {
  static final PreviousManifest NONE =
      new PreviousManifest(false, Map.of(), FileTime.fromMillis(0));

  private final boolean aami;
  private final Map<String, Manifest.Entry> entries;
  private final FileTime written;

  private PreviousManifest(boolean aami, Map<String, Manifest.Entry> entries, FileTime written) {
    this.aami = aami;
    this.entries = entries;
    this.written = written;
  }

  /** Whether the file is a manifest aami wrote: the ownership test of an output directory. */
  boolean isAami() {
    return aami;
  }

  /**
   * The recorded hash of {@code path} when the file there, whose bytes the caller found equal to
   * {@code size} bytes of new content, has not been modified since the manifest was written.
   */
  Optional<String> hashIfUnmodified(String path, long size, FileTime modified) {
    Manifest.Entry entry = entries.get(path);
    if (entry == null || entry.size() != size || modified.compareTo(written) > 0) {
      return Optional.empty();
    }
    return Optional.of(entry.sha256());
  }

  static PreviousManifest read(Path file, FileTime written) {
    Map<String, Manifest.Entry> entries = new HashMap<>();
    boolean formatVersion = false;
    boolean files = false;
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NONE;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("format_version") && value == JsonToken.VALUE_NUMBER_INT) {
          formatVersion = true;
        } else if (field.equals("files") && value == JsonToken.START_ARRAY) {
          files = true;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            readEntry(p, entries);
          }
        } else {
          p.skipChildren();
        }
      }
      return new PreviousManifest(formatVersion && files, entries, written);
    } catch (IOException | RuntimeException notAManifest) {
      return NONE;
    }
  }

  private static void readEntry(JsonParser p, Map<String, Manifest.Entry> into) throws IOException {
    String path = null;
    String sha256 = null;
    long size = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("path") && value == JsonToken.VALUE_STRING) {
        path = p.getText();
      } else if (field.equals("sha256") && value == JsonToken.VALUE_STRING) {
        sha256 = p.getText();
      } else if (field.equals("size") && value == JsonToken.VALUE_NUMBER_INT) {
        size = p.getLongValue();
      } else {
        p.skipChildren();
      }
    }
    if (path != null && sha256 != null && size >= 0) {
      into.put(path, new Manifest.Entry(path, sha256, size));
    }
  }
}
