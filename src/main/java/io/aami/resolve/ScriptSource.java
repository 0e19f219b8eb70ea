package io.aami.resolve;

import io.aami.diag.SourceLocation;

/**
 * Where a check's script and defaults are defined: a ScriptTemplate ({@code direct} false, owner is
 * the template name) or the winning policy itself in the direct form. {@code scriptFile} is the
 * repository path of the script, or null when it is inline.
 */
public record ScriptSource(
    boolean direct,
    String owner,
    String version,
    String sha256,
    String scriptFile,
    SourceLocation at) {}
