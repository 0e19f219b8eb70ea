package io.aami.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A check script's content. {@code file} is the repository path it was read from, or null for
 * inline {@code script_content}. The hash is always computed here, never taken from the YAML.
 */
public record Script(String content, String file, String sha256) {

  public static Script of(String content, String file) {
    return new Script(content, file, sha256Hex(content));
  }

  public static String sha256Hex(String content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
