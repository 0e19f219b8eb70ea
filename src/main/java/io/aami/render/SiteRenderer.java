package io.aami.render;

import io.aami.model.Repository;
import java.util.List;

/**
 * Renders one part of the published site (checks API, Prometheus rules, file_sd, ...) from a
 * repository that passed validation. Pure: same repository, same bytes.
 */
public interface SiteRenderer {
  List<RenderedFile> render(Repository repository);
}
