package io.aami.render.prometheus;

import io.aami.alert.AlertPlan;
import io.aami.alert.AlertRenderException;
import io.aami.diag.Diagnostic;
import io.aami.json.CanonicalJson;
import io.aami.model.Group;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code prometheus/file_sd/<group id>.json}: a Prometheus file_sd target list of every target in
 * the group (at any position of its {@code groups}), one entry per target sorted by target id. Each
 * entry carries the target's own labels, then aami's, which win on a name clash: {@code group_id}
 * and {@code group_name} of the target's <em>primary</em> group and {@code aami_groups} ({@code
 * ,a,b,}: every group of the target in declared order).
 *
 * <p>A target in several groups therefore gets the same label set in every group's file, which
 * Prometheus de-duplicates into one scrape. Groups without targets get no file; targets in no group
 * appear in no file.
 */
public final class FileSdRenderer implements SiteRenderer {
  public static final String DIRECTORY = "prometheus/file_sd/";
  public static final String GROUP_ID_LABEL = "group_id";
  public static final String GROUP_NAME_LABEL = "group_name";
  public static final String GROUPS_LABEL = "aami_groups";

  @Override
  public List<RenderedFile> render(Repository repository) {
    Map<String, List<Target>> members = repository.groupMembers();
    List<Diagnostic> errors = new ArrayList<>();
    List<RenderedFile> files = new ArrayList<>();
    members.forEach(
        (groupId, targets) -> {
          AlertPlan.requireFileSafe(repository.group(groupId).orElseThrow(), errors);
          List<Object> entries = new ArrayList<>();
          targets.stream()
              .sorted(Comparator.comparing(Target::id))
              .forEach(t -> entries.add(entry(t, repository)));
          files.add(RenderedFile.text(DIRECTORY + groupId + ".json", CanonicalJson.write(entries)));
        });
    if (!errors.isEmpty()) {
      throw new AlertRenderException(errors);
    }
    return files;
  }

  /** The labels Prometheus attaches to every series scraped from {@code target}. */
  public static Map<String, String> labels(Target target, Repository repository) {
    Map<String, String> labels = new TreeMap<>(target.labels());
    String primary = target.primaryGroup();
    labels.put(GROUP_ID_LABEL, primary);
    labels.put(GROUP_NAME_LABEL, repository.group(primary).map(Group::name).orElse(primary));
    labels.put(GROUPS_LABEL, "," + String.join(",", new LinkedHashSet<>(target.groups())) + ",");
    return labels;
  }

  private static Map<String, Object> entry(Target target, Repository repository) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("labels", labels(target, repository));
    entry.put("targets", List.of(target.address()));
    return entry;
  }
}
