package io.aami.render.checks;

import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.render.SiteSink;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.EffectiveCheck;
import io.aami.resolve.GroupSetResolution;
import io.aami.schema.SchemaValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The static replacement of the seed's {@code GET /api/v1/checks/target/:targetId}, in two forms:
 *
 * <ul>
 *   <li>inline ({@code api/v1/checks/target/<id>} and {@code .../hostname/<hostname>}): the seed's
 *       JSON array with every script inline (see {@link CheckApiJson}); off with {@code
 *       publish.inline_checks: false} ({@link PublishSettings});
 *   <li>compact ({@code api/v2/checks/target/<id>} and {@code .../hostname/<hostname>}): the same
 *       checks without the scripts, each of which is published once at {@code
 *       api/v1/scripts/sha256/<hash>}, a path whose content never changes.
 * </ul>
 *
 * <p>Targets in the same groups get the same checks: their documents are one content, serialized
 * once unless the publisher needs the bytes again, and hard-linked by it.
 */
public final class CheckApiRenderer implements SiteRenderer {
  public static final String BY_ID = "api/v1/checks/target/";
  public static final String BY_HOSTNAME = "api/v1/checks/target/hostname/";
  public static final String COMPACT_BY_ID = "api/v2/checks/target/";
  public static final String COMPACT_BY_HOSTNAME = "api/v2/checks/target/hostname/";
  public static final String SCRIPTS = "api/v1/scripts/sha256/";

  @Override
  public List<RenderedFile> render(Repository repository) {
    List<RenderedFile> files = new ArrayList<>();
    Map<Object, byte[]> shared = new java.util.HashMap<>();
    try {
      render(
          repository,
          (path, same, content) ->
              files.add(new RenderedFile(path, shared.computeIfAbsent(same, k -> content.get()))));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a list never fails to grow
    }
    return files;
  }

  @Override
  public boolean streams() {
    return true;
  }

  @Override
  public void render(Repository repository, SiteSink sink) throws IOException {
    boolean inline = PublishSettings.of(repository.settings()).inlineChecks();
    CheckResolver resolver = CheckResolver.of(repository);
    CheckApiJson.Documents inlineJson = CheckApiJson.Documents.inline();
    CheckApiJson.Documents compactJson = CheckApiJson.Documents.compact();
    // Identity-compared keys: one pair per distinct group set, whatever its checks' equality costs.
    IdentityHashMap<GroupSetResolution, Object[]> keys = new IdentityHashMap<>();
    Map<String, String> scripts = new TreeMap<>();
    List<Target> targets = new ArrayList<>(repository.targets());
    targets.sort(Comparator.comparing(Target::id));
    for (Target target : targets) {
      GroupSetResolution resolution = resolver.resolve(target);
      Object[] key = keys.get(resolution);
      if (key == null) {
        for (EffectiveCheck check : resolution.checks()) {
          scripts.putIfAbsent(check.hash(), check.scriptContent());
        }
        // Validation refuses these first (DocumentSizeCheck); render never publishes one
        // regardless.
        if (inline) {
          requireAcceptable(inlineJson, resolution.checks(), BY_ID + target.id());
        }
        requireAcceptable(compactJson, resolution.checks(), COMPACT_BY_ID + target.id());
        key = new Object[] {new Object(), new Object()};
        keys.put(resolution, key);
      }
      if (inline) {
        add(
            sink,
            key[0],
            () -> inlineJson.bytes(resolution.checks()),
            BY_ID + target.id(),
            BY_HOSTNAME + target.hostname());
      }
      add(
          sink,
          key[1],
          () -> compactJson.bytes(resolution.checks()),
          COMPACT_BY_ID + target.id(),
          COMPACT_BY_HOSTNAME + target.hostname());
    }
    for (Map.Entry<String, String> script : scripts.entrySet()) {
      sink.add(RenderedFile.text(SCRIPTS + script.getKey(), script.getValue()));
    }
  }

  private static void requireAcceptable(
      CheckApiJson.Documents json, List<EffectiveCheck> checks, String path)
      throws DocumentTooLargeException {
    long bytes = json.length(checks);
    long max = SchemaValidator.load().publishedLimits().documentMaxBytes();
    if (bytes > max) {
      throw new DocumentTooLargeException(
          path + " would be " + bytes + " bytes, more than the " + max + " a node agent accepts");
    }
  }

  private static void add(SiteSink sink, Object key, Supplier<byte[]> json, String... paths)
      throws IOException {
    for (String path : paths) {
      sink.add(path, key, json);
    }
  }
}
