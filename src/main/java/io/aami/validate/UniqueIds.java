package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.load.LoadResult;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.Target;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Ids are unique per kind, and so are target hostnames: they name published files, and two
 * hostnames that differ only in case would overwrite each other on a case-insensitive disk (and are
 * one host to DNS).
 */
final class UniqueIds implements SemanticCheck {

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    Repository repo = loaded.repository();
    unique(repo.scriptTemplates(), "ScriptTemplate", "name", t -> t.name(), t -> t.origin(), out);
    unique(repo.scriptPolicies(), "ScriptPolicy", "id", p -> p.id(), p -> p.origin(), out);
    unique(repo.alertTemplates(), "AlertTemplate", "id", t -> t.id(), t -> t.origin(), out);
    unique(repo.alertRules(), "AlertRule", "id", r -> r.id(), r -> r.origin(), out);
    unique(repo.recordingRules(), "RecordingRule", "id", r -> r.id(), r -> r.origin(), out);
    // Group and target ids name published files: ids that differ only in case collide on
    // case-insensitive disks (macOS, Windows, many object-store mirrors).
    uniqueIgnoringCase(repo.groups(), "Group", g -> g.id(), g -> g.origin(), out);
    uniqueIgnoringCase(repo.targets(), "Target", t -> t.id(), t -> t.origin(), out);
    uniqueHostnames(repo.targets(), out);
  }

  private static <T> void unique(
      List<T> items,
      String kind,
      String field,
      Function<T, String> id,
      Function<T, Origin> origin,
      Diagnostics out) {
    Map<String, T> first = new HashMap<>();
    for (T item : items) {
      T previous = first.putIfAbsent(id.apply(item), item);
      if (previous != null) {
        out.error(
            origin.apply(item).locate(field),
            Code.DUPLICATE_ID,
            "duplicate "
                + kind
                + " "
                + field
                + " '"
                + id.apply(item)
                + "'; first declared at "
                + origin.apply(previous).locate(field));
      }
    }
  }

  private static <T> void uniqueIgnoringCase(
      List<T> items,
      String kind,
      Function<T, String> id,
      Function<T, Origin> origin,
      Diagnostics out) {
    Map<String, T> first = new HashMap<>();
    for (T item : items) {
      T previous = first.putIfAbsent(id.apply(item).toLowerCase(Locale.ROOT), item);
      if (previous != null && !id.apply(previous).equals(id.apply(item))) {
        out.error(
            origin.apply(item).locate("id"),
            Code.DUPLICATE_ID,
            kind
                + " id '"
                + id.apply(item)
                + "' differs only in case from '"
                + id.apply(previous)
                + "' at "
                + origin.apply(previous).locate("id")
                + "; ids name published files, which collide on case-insensitive disks");
      }
    }
    unique(items, kind, "id", id, origin, out);
  }

  private static void uniqueHostnames(List<Target> targets, Diagnostics out) {
    Map<String, Target> first = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (Target target : targets) {
      if (!ids.add(target.id())) {
        continue; // a repeated document is reported once, as a duplicate id
      }
      Target previous = first.putIfAbsent(target.hostname().toLowerCase(Locale.ROOT), target);
      if (previous == null) {
        continue;
      }
      SourceLocation at = target.origin().locate("hostname");
      String sameness =
          previous.hostname().equals(target.hostname())
              ? ""
              : " (hostnames differ only in case, which DNS and case-insensitive disks ignore)";
      out.error(
          at,
          Code.DUPLICATE_ID,
          "target '"
              + target.id()
              + "' repeats hostname '"
              + target.hostname()
              + "' of target '"
              + previous.id()
              + "' at "
              + previous.origin().locate("hostname")
              + sameness
              + "; hostnames must be unique because they name published files");
    }
  }
}
