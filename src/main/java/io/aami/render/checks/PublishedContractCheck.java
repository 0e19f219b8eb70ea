package io.aami.render.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.json.Json;
import io.aami.model.CheckDefinition;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.resolve.EffectiveCheck;
import io.aami.schema.PublishedLimits;
import io.aami.schema.SchemaValidator;
import io.aami.schema.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The published-document contract, enforced at the source: every policy's check is built exactly as
 * render publishes it ({@link EffectiveCheck#of}) and validated against {@code
 * checks-document.schema.json}, plus the byte limits of {@code published-defs.schema.json} that
 * JSON Schema cannot express. A violation is reported at the YAML field it comes from, since a node
 * agent would refuse the check (a {@code timeout: 2d} publishes {@code timeout_seconds} 172800;
 * agents allow 86400). Linear in the policies; a template shared by many policies is reported once
 * per location and message.
 */
public final class PublishedContractCheck {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final String SCHEMA = "schemas/published-defs.schema.json";

  private PublishedContractCheck() {}

  public static List<Diagnostic> check(Repository repository) {
    SchemaValidator validator = SchemaValidator.load();
    PublishedLimits limits = validator.publishedLimits();
    Set<Diagnostic> problems = new LinkedHashSet<>();
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      Origin definitionOrigin = definitionOrigin(repository, policy);
      CheckDefinition definition = repository.definitionOf(policy).orElse(null);
      if (definition == null || definitionOrigin == null) {
        continue; // an unknown template: the reference check reports it
      }
      EffectiveCheck check = EffectiveCheck.of(policy, definition);
      Sources sources = new Sources(policy, definitionOrigin);
      JsonNode published = JSON.valueToTree(CheckApiJson.fields(check));
      for (SchemaViolation violation : validator.validatePublishedCheck(published)) {
        String field = field(violation.pointer());
        problems.add(
            Diagnostic.error(
                sources.locate(field),
                Code.CHECK_CONTRACT,
                refusal(check, policy)
                    + field
                    + " "
                    + shown(published, field, definition)
                    + " "
                    + violation.message()
                    + " ("
                    + SCHEMA
                    + ")"));
      }
      long configBytes = compactBytes(check.config());
      if (configBytes > limits.configMaxJsonBytes()) {
        problems.add(
            Diagnostic.error(
                sources.locate("config"),
                Code.CHECK_CONTRACT,
                refusal(check, policy)
                    + "its merged config is "
                    + configBytes
                    + " bytes of compact JSON,"
                    + " more than the "
                    + limits.configMaxJsonBytes()
                    + " a node can pass in the"
                    + " CONFIG environment variable ("
                    + SCHEMA
                    + ")"));
      }
    }
    return new ArrayList<>(problems);
  }

  static long compactBytes(Map<String, Object> config) {
    try {
      return JSON.writeValueAsString(config).getBytes(StandardCharsets.UTF_8).length;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("config cannot be written as JSON", e);
    }
  }

  private static String refusal(EffectiveCheck check, ScriptPolicy policy) {
    String name = check.name().length() > 64 ? check.name().substring(0, 64) + "..." : check.name();
    return "node agents would refuse check '" + name + "' of policy '" + policy.id() + "': ";
  }

  /**
   * The top-level field of the entry a pointer designates ({@code /config/a} is {@code config}).
   */
  private static String field(String pointer) {
    String rest = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static String shown(JsonNode published, String field, CheckDefinition definition) {
    if (field.equals("timeout_seconds")) {
      return published.path(field).asText() + " (timeout '" + definition.timeout().text() + "')";
    }
    JsonNode value = published.path(field);
    if (value.isTextual() && value.asText().length() > 64) {
      return "of " + value.asText().length() + " characters";
    }
    return value.isMissingNode() ? "" : value.toString();
  }

  private static Origin definitionOrigin(Repository repository, ScriptPolicy policy) {
    if (policy.source() instanceof ScriptPolicy.FromTemplate ref) {
      return repository.scriptTemplate(ref.templateId()).map(ScriptTemplate::origin).orElse(null);
    }
    return policy.origin();
  }

  /** Where each published field comes from: the policy, or its template (or itself, direct). */
  private record Sources(ScriptPolicy policy, Origin definition) {
    SourceLocation locate(String field) {
      return switch (field) {
        case "instance_id" -> policy.origin().locate("id");
        case "config" ->
            policy.origin().node("config").isPresent()
                ? policy.origin().locate("config")
                : definition.locate("default_config");
        case "timeout_seconds" -> definition.locate("timeout");
        case "script_content" ->
            definition.node("script_content").isPresent()
                ? definition.locate("script_content")
                : definition.locate("script_file");
        case "name", "script_type", "language", "version", "hash" -> definition.locate(field);
        default -> policy.origin().location();
      };
    }
  }
}
