package io.aami.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.digest.Sha256;
import io.aami.git.GitRevision;
import io.aami.json.CanonicalJson;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code manifest.json}: where the site came from (git commit, its time, dirty flag; all null when
 * the repository is not a git work tree), every other published file with its SHA-256 and size,
 * and counts. It holds no time but the commit's, so the same commit gives the same bytes.
 */
public final class Manifest {
  public static final String PATH = Publisher.OWNERSHIP_MARKER;
  public static final int FORMAT_VERSION = 1;
  static final String SOURCE = "source";

  private Manifest() {}

  public static RenderedFile render(List<RenderedFile> files, Repository repository,
      Optional<GitRevision> revision) {
    Map<String, Object> root = new TreeMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put(SOURCE, source(revision));
    List<RenderedFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(RenderedFile::path));
    Map<byte[], String> hashes = new IdentityHashMap<>();
    List<Object> list = new ArrayList<>(sorted.size());
    long bytes = 0;
    for (RenderedFile f : sorted) {
      Map<String, Object> entry = new TreeMap<>();
      entry.put("path", f.path());
      entry.put("sha256", hashes.computeIfAbsent(f.content(), Sha256::hex));
      entry.put("size", f.content().length);
      list.add(entry);
      bytes += f.content().length;
    }
    root.put("files", list);
    Map<String, Object> counts = new TreeMap<>();
    counts.put("files", sorted.size());
    counts.put("bytes", bytes);
    counts.put("targets", repository.targets().size());
    counts.put("groups", repository.groups().size());
    counts.put("script_templates", repository.scriptTemplates().size());
    counts.put("script_policies", repository.scriptPolicies().size());
    counts.put("alert_templates", repository.alertTemplates().size());
    counts.put("alert_rules", repository.alertRules().size());
    root.put("counts", counts);
    return RenderedFile.text(PATH, CanonicalJson.write(root));
  }

  private static Map<String, Object> source(Optional<GitRevision> revision) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("commit", revision.map(GitRevision::commit).orElse(null));
    source.put("commit_time", revision.map(GitRevision::commitTime).map(Object::toString).orElse(null));
    source.put("dirty", revision.map(GitRevision::dirty).orElse(null));
    return source;
  }

  /**
   * Whether two manifests describe the same files, whatever commit they name: for
   * {@code render --check} in CI that commits the rendered output, where the manifest of the
   * commit being checked necessarily names its parent.
   */
  public static boolean sameIgnoringSource(byte[] a, byte[] b) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      JsonNode left = mapper.readTree(a);
      JsonNode right = mapper.readTree(b);
      if (!(left instanceof ObjectNode l) || !(right instanceof ObjectNode r)) {
        return false;
      }
      l.remove(SOURCE);
      r.remove(SOURCE);
      return l.equals(r);
    } catch (IOException notJson) {
      return false;
    }
  }

  /** Whether {@code content} is a manifest aami wrote: the ownership test of an output directory. */
  static boolean isAamiManifest(byte[] content) {
    try {
      JsonNode root = new ObjectMapper().readTree(content);
      return root != null && root.path("format_version").isIntegralNumber() && root.path("files").isArray();
    } catch (IOException notJson) {
      return false;
    }
  }

}
