package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Copies a Jackson 2 tree (what the loader builds) into a Jackson 3 tree (what networknt
 * json-schema-validator 3.x validates), keeping number types exact so that "integer" and
 * "number" are judged on the value the YAML held.
 */
final class JacksonBridge {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JacksonBridge() {}

  static tools.jackson.databind.JsonNode toJackson3(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return NODES.nullNode();
    }
    if (node.isObject()) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        object.set(property.getKey(), toJackson3(property.getValue()));
      }
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode(node.size());
      for (JsonNode item : node) {
        array.add(toJackson3(item));
      }
      return array;
    }
    if (node.isTextual()) {
      return NODES.stringNode(node.textValue());
    }
    if (node.isBoolean()) {
      return NODES.booleanNode(node.booleanValue());
    }
    if (node.isNumber()) {
      return number(node);
    }
    // Binary and POJO nodes do not come out of YAML text; validate their text form.
    return NODES.stringNode(node.asText());
  }

  private static tools.jackson.databind.JsonNode number(JsonNode node) {
    if (node.isInt() || node.isShort()) {
      return NODES.numberNode(node.intValue());
    }
    if (node.isLong()) {
      return NODES.numberNode(node.longValue());
    }
    if (node.isBigInteger()) {
      return NODES.numberNode(node.bigIntegerValue());
    }
    if (node.isBigDecimal()) {
      return NODES.numberNode(node.decimalValue());
    }
    if (node.isFloat()) {
      return NODES.numberNode(node.floatValue());
    }
    return NODES.numberNode(node.doubleValue());
  }
}
