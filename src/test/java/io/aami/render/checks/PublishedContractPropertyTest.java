package io.aami.render.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.resolve.EffectiveCheck;
import io.aami.schema.PublishedLimits;
import io.aami.schema.SchemaValidator;
import io.aami.testing.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For generated timeouts, names and config sizes around the schema's limits: validate reports
 * {@code check/contract} exactly when the published check would break a limit, and whatever
 * validate lets through renders a document the schema accepts.
 */
class PublishedContractPropertyTest {
  private static final PublishedLimits LIMITS = SchemaValidator.load().publishedLimits();

  @Provide
  Arbitrary<String> timeouts() {
    long max = LIMITS.timeoutMaxSeconds();
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, max * 2).map(s -> s + "s"),
        Arbitraries.longs().between(max - 3, max + 3).map(s -> s + "s"),
        Arbitraries.longs().between(0, 3).map(d -> d + "d"),
        Arbitraries.longs().between((max - 2) * 1000, (max + 2) * 1000).map(ms -> ms + "ms"),
        Arbitraries.of("0", "23h59m59s", "24h", "24h1ms", "1d1s", "1w"));
  }

  @Property(seed = "42")
  void validateRefusesExactlyWhatAgentsRefuse(
      @ForAll("timeouts") String timeout,
      @ForAll @IntRange(min = 1, max = 140) int nameLength,
      @ForAll @IntRange(min = 65_500, max = 65_560) int configBytes)
      throws Exception {
    Path dir = Files.createTempDirectory("aami-contract");
    String name = "n".repeat(nameLength);
    String blob = "x".repeat(configBytes - "{\"blob\":\"\"}".length());
    Repository repository =
        new TestRepo(dir)
            .file(
                "templates/t.yaml",
                "apiVersion: aami/v1\n"
                    + "kind: ScriptTemplate\nname: "
                    + name
                    + "\nlanguage: sh\nversion: 1.0.0\n"
                    + "script_content: \"echo ok\\n\"\ntimeout: \""
                    + timeout
                    + "\"\n")
            .file(
                "policies/p.yaml",
                "apiVersion: aami/v1\nkind: ScriptPolicy\nid: p\nscope: global\ntemplate_id: "
                    + name
                    + "\nconfig:\n  blob: \""
                    + blob
                    + "\"\n")
            .load();

    List<Diagnostic> problems = PublishedContractCheck.check(repository);

    ScriptPolicy policy = repository.scriptPolicies().get(0);
    EffectiveCheck check = EffectiveCheck.of(policy, repository.definitionOf(policy).orElseThrow());
    int expected =
        (check.timeoutSeconds() > LIMITS.timeoutMaxSeconds() ? 1 : 0)
            + (nameLength > LIMITS.checkNameMaxLength() ? 1 : 0)
            + (configBytes > LIMITS.configMaxJsonBytes() ? 1 : 0);
    assertEquals(expected, problems.size(), problems::toString);
    problems.forEach(p -> assertEquals(Code.CHECK_CONTRACT.id(), p.code()));
    if (problems.isEmpty()) {
      byte[] document = CheckApiJson.document(List.of(check)).getBytes(StandardCharsets.UTF_8);
      assertEquals(List.of(), PublishedDocumentContractTest.problems(document));
    }
  }
}
