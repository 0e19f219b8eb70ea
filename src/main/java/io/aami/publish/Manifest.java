package io.aami.publish;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.digest.Sha256;
import io.aami.git.GitRevision;
import io.aami.json.CanonicalJson;
import io.aami.json.Json;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code manifest.json}: where the site came from (git commit, its time, dirty flag; all null when
 * the repository is not a git work tree), every other published file with its SHA-256 and size, and
 * counts. It holds no time but the commit's, so the same commit gives the same bytes.
 */
public final class Manifest {
  public static final String PATH = Publisher.OWNERSHIP_MARKER;
  public static final int FORMAT_VERSION = 1;
  static final String SOURCE = "source";

  /**
   * The source object as aami writes it: flat (commit, commit_time, dirty), so no nested braces.
   */
  private static final Pattern SOURCE_OBJECT = Pattern.compile("\"source\": \\{[^{}]*\\}");

  private Manifest() {}

  /** One published file as the manifest lists it. */
  public record Entry(String path, String sha256, long size) {}

  /** The manifest of {@code files}, built in memory (tests and small sites). */
  public static RenderedFile render(
      List<RenderedFile> files, Repository repository, Optional<GitRevision> revision) {
    IdentityHashMap<byte[], String> hashes = new IdentityHashMap<>();
    List<Entry> entries = new ArrayList<>(files.size());
    for (RenderedFile f : files) {
      entries.add(
          new Entry(
              f.path(), hashes.computeIfAbsent(f.content(), Sha256::hex), f.content().length));
    }
    return fromEntries(entries, repository, revision);
  }

  /**
   * The manifest of a site whose files were hashed as they streamed past; {@code entries} is sorted
   * here.
   */
  public static RenderedFile fromEntries(
      List<Entry> entries, Repository repository, Optional<GitRevision> revision) {
    Map<String, Object> root = new TreeMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put(SOURCE, source(revision));
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::path));
    long bytes = 0;
    for (Entry f : sorted) {
      bytes += f.size();
    }
    root.put("files", new FileList(sorted));
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

  /**
   * The "files" array, written entry by entry as the JSON streams out: a map per entry would be a
   * hundred bytes of heap for each of a fleet's hundreds of thousands of files.
   */
  private record FileList(List<Entry> sorted) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeStartArray();
      for (Entry f : sorted) {
        json.writeStartObject(); // keys in sorted order, as CanonicalJson writes maps
        json.writeStringField("path", f.path());
        json.writeStringField("sha256", f.sha256());
        json.writeNumberField("size", f.size());
        json.writeEndObject();
      }
      json.writeEndArray();
    }

    @Override
    public void serializeWithType(
        JsonGenerator json, SerializerProvider provider, TypeSerializer types) throws IOException {
      serialize(json, provider);
    }
  }

  private static Map<String, Object> source(Optional<GitRevision> revision) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("commit", revision.map(GitRevision::commit).orElse(null));
    source.put(
        "commit_time", revision.map(GitRevision::commitTime).map(Object::toString).orElse(null));
    source.put("dirty", revision.map(GitRevision::dirty).orElse(null));
    return source;
  }

  /**
   * Whether two manifests describe the same files, whatever commit they name: for {@code render
   * --check} in CI that commits the rendered output, where the manifest of the commit being checked
   * necessarily names its parent.
   */
  public static boolean sameIgnoringSource(byte[] a, byte[] b) {
    // Textually first: a fleet's manifest is tens of megabytes, too big for two Jackson trees.
    Matcher left = SOURCE_OBJECT.matcher(new String(a, StandardCharsets.UTF_8));
    Matcher right = SOURCE_OBJECT.matcher(new String(b, StandardCharsets.UTF_8));
    if (left.find() && right.find()) {
      return left.replaceFirst("").equals(right.replaceFirst(""));
    }
    try {
      JsonNode l = Json.MAPPER.readTree(a);
      JsonNode r = Json.MAPPER.readTree(b);
      if (!(l instanceof ObjectNode lo) || !(r instanceof ObjectNode ro)) {
        return false;
      }
      lo.remove(SOURCE);
      ro.remove(SOURCE);
      return lo.equals(ro);
    } catch (IOException notJson) {
      return false;
    }
  }

  /**
   * Whether {@code content} is a manifest aami wrote: the ownership test of an output directory.
   */
  static boolean isAamiManifest(byte[] content) {
    try {
      JsonNode root = Json.MAPPER.readTree(content);
      return root != null
          && root.path("format_version").isIntegralNumber()
          && root.path("files").isArray();
    } catch (IOException notJson) {
      return false;
    }
  }
}
