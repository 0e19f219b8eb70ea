package io.aami.render;

import io.aami.model.Repository;
import java.io.IOException;
import java.util.List;

/**
 * Renders one part of the published site (checks API, Prometheus rules, file_sd, ...) from a
 * repository that passed validation. Pure: same repository, same bytes.
 */
public interface SiteRenderer {
  List<RenderedFile> render(Repository repository);

  /**
   * Whether {@link #render(Repository, SiteSink)} streams the output. The render service renders
   * the other renderers' lists on a second thread meanwhile (they are small next to the checks
   * API).
   */
  default boolean streams() {
    return false;
  }

  /**
   * The same files, handed to {@code sink} one at a time. Renderers whose output grows with the
   * fleet override this so that it is never built as a whole.
   */
  default void render(Repository repository, SiteSink sink) throws IOException {
    for (RenderedFile file : render(repository)) {
      sink.add(file);
    }
  }
}
