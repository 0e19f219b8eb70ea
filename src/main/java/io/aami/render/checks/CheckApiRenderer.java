package io.aami.render.checks;

import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.GroupSetResolution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static replacement of the seed's {@code GET /api/v1/checks/target/:targetId}: for every
 * target, {@code api/v1/checks/target/<id>} and {@code api/v1/checks/target/hostname/<hostname>},
 * both extensionless and both the same JSON array (see {@link CheckApiJson}).
 *
 * <p>Targets in the same groups get the same checks, so each distinct document is serialized once
 * and its bytes shared by all of their files.
 */
public final class CheckApiRenderer implements SiteRenderer {
  public static final String BY_ID = "api/v1/checks/target/";
  public static final String BY_HOSTNAME = "api/v1/checks/target/hostname/";

  @Override
  public List<RenderedFile> render(Repository repository) {
    CheckResolver resolver = CheckResolver.of(repository);
    Map<GroupSetResolution, byte[]> documents = new IdentityHashMap<>();
    CheckApiJson.Documents writer = new CheckApiJson.Documents();
    List<Target> targets = new ArrayList<>(repository.targets());
    targets.sort(Comparator.comparing(Target::id));
    List<RenderedFile> files = new ArrayList<>(targets.size() * 2);
    for (Target target : targets) {
      byte[] json = documents.computeIfAbsent(resolver.resolve(target),
          resolution -> writer.document(resolution.checks()).getBytes(StandardCharsets.UTF_8));
      files.add(new RenderedFile(BY_ID + target.id(), json));
      files.add(new RenderedFile(BY_HOSTNAME + target.hostname(), json));
    }
    return files;
  }
}
