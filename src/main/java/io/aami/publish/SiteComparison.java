package io.aami.publish;

import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Byte-for-byte comparison of an output directory with the site a render would write. */
final class SiteComparison {
  private SiteComparison() {}

  static SiteDiff compare(CurrentSite current, List<RenderedFile> files) throws IOException {
    Map<String, byte[]> wanted = new TreeMap<>();
    for (RenderedFile f : files) {
      if (wanted.put(f.path(), f.content()) != null) {
        throw new IllegalArgumentException("two rendered files share the path " + f.path());
      }
    }
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    ContentCache contents = new ContentCache(current);
    for (Map.Entry<String, byte[]> e : wanted.entrySet()) {
      String path = e.getKey();
      if (!current.contains(path)) {
        added.add(path);
      } else if (!current.isRegularFile(path) || !contents.holds(path, e.getValue())) {
        changed.add(path);
      }
    }
    for (String path : current.paths()) {
      if (!wanted.containsKey(path)) {
        removed.add(path);
      }
    }
    return new SiteDiff(added, removed, changed);
  }

  /**
   * Compares each (inode, wanted content) pair once: a published tree links every target of one
   * group set to one inode, and renderers share one byte array among equal documents, so a
   * fleet's 20,000 files are a few hundred reads.
   */
  private static final class ContentCache {
    private final CurrentSite current;
    private final Map<Object, Map<byte[], Boolean>> byInode = new HashMap<>();

    ContentCache(CurrentSite current) {
      this.current = current;
    }

    boolean holds(String path, byte[] wanted) throws IOException {
      BasicFileAttributes attributes = current.attributes(path);
      if (attributes.size() != wanted.length) {
        return false;
      }
      Object inode = attributes.fileKey();
      if (inode == null) {
        return sameOnDisk(path, wanted);
      }
      Map<byte[], Boolean> known = byInode.computeIfAbsent(inode, k -> new IdentityHashMap<>());
      Boolean same = known.get(wanted);
      if (same == null) {
        same = sameOnDisk(path, wanted);
        known.put(wanted, same);
      }
      return same;
    }

    private boolean sameOnDisk(String path, byte[] wanted) throws IOException {
      return Arrays.equals(Files.readAllBytes(current.file(path)), wanted);
    }
  }
}
