package io.aami.render.checks;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.EffectiveCheck;
import io.aami.resolve.GroupSetResolution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The size half of the published-document contract: a node agent refuses a check list larger than
 * {@code documentMaxBytes} of {@code schemas/published-defs.schema.json} (16 MiB) and then runs
 * nothing new, so validate computes every target's documents, inline ({@code api/v1}, scripts
 * included) and compact ({@code api/v2}), and refuses one that is too large, naming its size and
 * its largest checks. Works per distinct group set, as render does, serializing each distinct check
 * once: linear in the checks of the fleet's distinct lists. One error per group set and form, at
 * the first of its targets by id.
 */
public final class DocumentSizeCheck {
  private static final String SCHEMA = "schemas/published-defs.schema.json";
  private static final int LARGEST_SHOWN = 3;

  /** Which document a size is of. */
  public enum Form {
    INLINE(CheckApiRenderer.BY_ID, "scripts inline"),
    COMPACT(CheckApiRenderer.COMPACT_BY_ID, "compact");

    private final String prefix;
    private final String described;

    Form(String prefix, String described) {
      this.prefix = prefix;
      this.described = described;
    }
  }

  private DocumentSizeCheck() {}

  public static List<Diagnostic> check(Repository repository, long maxBytes) {
    boolean inline = PublishSettings.of(repository.settings()).inlineChecks();
    CheckResolver resolver = CheckResolver.of(repository);
    // The resolver hands every target of one group set the same resolution instance.
    IdentityHashMap<GroupSetResolution, List<Target>> byGroupSet = new IdentityHashMap<>();
    List<GroupSetResolution> order = new ArrayList<>();
    List<Target> targets = new ArrayList<>(repository.targets());
    targets.sort(Comparator.comparing(Target::id));
    for (Target target : targets) {
      byGroupSet
          .computeIfAbsent(
              resolver.resolve(target),
              r -> {
                order.add(r);
                return new ArrayList<>();
              })
          .add(target);
    }
    Map<Form, CheckApiJson.Documents> documents =
        Map.of(
            Form.INLINE, CheckApiJson.Documents.inline().forSizing(),
            Form.COMPACT, CheckApiJson.Documents.compact().forSizing());
    List<Diagnostic> problems = new ArrayList<>();
    for (GroupSetResolution resolution : order) {
      List<EffectiveCheck> checks = resolution.checks();
      for (Form form : Form.values()) {
        if (form == Form.INLINE && !inline) {
          continue;
        }
        CheckApiJson.Documents json = documents.get(form);
        long bytes = json.length(checks);
        if (bytes > maxBytes) {
          problems.add(tooLarge(byGroupSet.get(resolution), form, bytes, maxBytes, checks, json));
        }
      }
    }
    return problems;
  }

  private static Diagnostic tooLarge(
      List<Target> targets,
      Form form,
      long bytes,
      long maxBytes,
      List<EffectiveCheck> checks,
      CheckApiJson.Documents json) {
    Target first = targets.get(0);
    int others = targets.size() - 1;
    List<EffectiveCheck> largest = new ArrayList<>(checks);
    largest.sort(
        Comparator.comparingInt(json::elementLength)
            .reversed()
            .thenComparing(EffectiveCheck::name));
    List<String> shown = new ArrayList<>();
    for (EffectiveCheck check : largest.subList(0, Math.min(LARGEST_SHOWN, largest.size()))) {
      shown.add(
          "'"
              + check.name()
              + "' of policy '"
              + check.instanceId()
              + "' "
              + json.elementLength(check)
              + " bytes");
    }
    String message =
        "node agents would refuse the check list of target '"
            + first.id()
            + "'"
            + (others == 0
                ? ""
                : " and "
                    + others
                    + " other target"
                    + (others == 1 ? "" : "s")
                    + " in the same groups")
            + ": "
            + form.prefix
            + first.id()
            + " ("
            + form.described
            + ") would be "
            + bytes
            + " bytes, more than the "
            + maxBytes
            + " an agent accepts ("
            + SCHEMA
            + "); "
            + checks.size()
            + " check"
            + (checks.size() == 1 ? "" : "s")
            + ", the largest "
            + String.join(", ", shown)
            + (form == Form.INLINE
                ? "; publish.inline_checks: false leaves agents the compact form"
                : "");
    return Diagnostic.error(first.origin().location(), Code.CHECK_CONTRACT, message);
  }
}
