package io.aami.model;

import io.aami.digest.Sha256;

/**
 * A check script's content. {@code file} is the repository path it was read from, or null for
 * inline {@code script_content}. The hash is always computed here, never taken from the YAML.
 */
public record Script(String content, String file, String sha256) {

  public static Script of(String content, String file) {
    return new Script(content, file, Sha256.hex(content));
  }
}
