package io.aami.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One file of the published site: a '/'-separated path relative to the output directory and its
 * exact bytes. Renderers return these; only the publish step touches the file system.
 */
// Bytes are carried, never compared: no caller uses this record's equals or hashCode.
@SuppressWarnings("ArrayRecordComponent")
public record RenderedFile(String path, byte[] content) {

  public static RenderedFile text(String path, String content) {
    return new RenderedFile(path, content.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RenderedFile f
        && f.path.equals(path)
        && Arrays.equals(f.content, content);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes)";
  }
}
