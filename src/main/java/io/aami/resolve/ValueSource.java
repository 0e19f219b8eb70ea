package io.aami.resolve;

import io.aami.diag.SourceLocation;
import java.util.Locale;

/** Where a config value was written: which layer, whose document, and the file:line of its key. */
public record ValueSource(Layer layer, String owner, SourceLocation at) {

  public enum Layer {
    /** {@code default_config} of the check's ScriptTemplate; owner is the template name. */
    TEMPLATE_DEFAULT,
    /** {@code default_config} of a direct-form policy; owner is the policy id. */
    POLICY_DEFAULT,
    /** {@code config} of the winning policy; owner is the policy id. */
    POLICY_OVERRIDE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
