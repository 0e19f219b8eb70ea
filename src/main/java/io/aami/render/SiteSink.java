package io.aami.render;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Where renderers put the files of the site, one at a time, so that a fleet's site is never held in
 * memory as a whole: the receiver hashes, compares or writes each file and keeps only its path,
 * size and hash.
 */
public interface SiteSink {

  /**
   * Adds the file at {@code path}. Files added with equal non-null {@code sameContent} keys
   * (compared with {@code equals}; use identity-compared objects) have the same bytes, so the
   * receiver may call {@code content} once for all of them and hard-link the copies. {@code
   * content} may be called again for a later file of the same key; it must return the same bytes
   * every time.
   */
  void add(String path, Object sameContent, Supplier<byte[]> content) throws IOException;

  /** Adds a file whose bytes are already built; files sharing one array share one content. */
  default void add(RenderedFile file) throws IOException {
    byte[] content = file.content();
    add(file.path(), content, () -> content);
  }
}
