package io.aami.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A rendered site written by hand in the EffectiveCheck format of issue 3, so the agent tests do
 * not depend on the renderer: {@code api/v1/checks/target/<id>} and {@code
 * .../hostname/<hostname>}.
 */
final class TestSite {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  TestSite(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** A check whose hash matches its content, as the renderer publishes it. */
  static ObjectNode check(
      String name, String language, String content, Map<String, ?> config, int timeoutSeconds) {
    ObjectNode check = JSON.createObjectNode();
    check.put("name", name);
    check.put("script_type", "custom");
    check.put("script_content", content);
    check.put("language", language);
    check.set("config", JSON.valueToTree(config));
    check.put("version", "1.0.0");
    check.put("hash", sha256(content));
    check.put("instance_id", "policy-" + name);
    check.put("timeout_seconds", timeoutSeconds);
    return check;
  }

  /** Publishes the same check list under the target id and the hostname, like the renderer. */
  void publish(String targetId, String hostname, List<ObjectNode> checks) throws IOException {
    ArrayNode list = JSON.createArrayNode();
    checks.forEach(list::add);
    String body = JSON.writeValueAsString(list) + "\n";
    publishRaw(targetId, body);
    write("api/v1/checks/target/hostname/" + hostname, body);
  }

  void publishRaw(String targetId, String body) throws IOException {
    write("api/v1/checks/target/" + targetId, body);
  }

  String published(String targetId) throws IOException {
    return Files.readString(root.resolve("api/v1/checks/target/" + targetId));
  }

  private void write(String relative, String body) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, body, StandardCharsets.UTF_8);
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
