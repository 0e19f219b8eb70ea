package io.aami.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything loaded from one revision of an aami repository, with lookups by id built once. Lists
 * keep load order (files sorted by path, documents in file order). When an id is duplicated,
 * lookups return the first declaration; validation reports the others.
 */
public final class Repository {
  private final List<ScriptTemplate> scriptTemplates;
  private final List<ScriptPolicy> scriptPolicies;
  private final List<AlertTemplate> alertTemplates;
  private final List<AlertRule> alertRules;
  private final List<RecordingRule> recordingRules;
  private final List<Group> groups;
  private final List<Target> targets;
  private final Settings settings;

  private final Map<String, ScriptTemplate> scriptTemplatesByName;
  private final Map<String, AlertTemplate> alertTemplatesById;
  private final Map<String, Group> groupsById;
  private final Map<String, Target> targetsById;
  private final Map<String, Target> targetsByHostname;

  /**
   * Values computed from the whole repository, kept for the next consumer: see {@link #derived}.
   */
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  public Repository(
      List<ScriptTemplate> scriptTemplates,
      List<ScriptPolicy> scriptPolicies,
      List<AlertTemplate> alertTemplates,
      List<AlertRule> alertRules,
      List<Group> groups,
      List<Target> targets,
      Settings settings) {
    this(
        scriptTemplates,
        scriptPolicies,
        alertTemplates,
        alertRules,
        List.of(),
        groups,
        targets,
        settings);
  }

  public Repository(
      List<ScriptTemplate> scriptTemplates,
      List<ScriptPolicy> scriptPolicies,
      List<AlertTemplate> alertTemplates,
      List<AlertRule> alertRules,
      List<RecordingRule> recordingRules,
      List<Group> groups,
      List<Target> targets,
      Settings settings) {
    this.recordingRules = List.copyOf(recordingRules);
    this.scriptTemplates = List.copyOf(scriptTemplates);
    this.scriptPolicies = List.copyOf(scriptPolicies);
    this.alertTemplates = List.copyOf(alertTemplates);
    this.alertRules = List.copyOf(alertRules);
    this.groups = List.copyOf(groups);
    this.targets = List.copyOf(targets);
    this.settings = settings;
    this.scriptTemplatesByName = index(this.scriptTemplates, ScriptTemplate::name);
    this.alertTemplatesById = index(this.alertTemplates, AlertTemplate::id);
    this.groupsById = index(this.groups, Group::id);
    this.targetsById = index(this.targets, Target::id);
    this.targetsByHostname = index(this.targets, Target::hostname);
  }

  /**
   * The value {@code compute} derives from this repository, computed once per {@code key} and kept:
   * a repository never changes, and several renderers (and their threads) need the same expansion.
   * {@code compute} must be a pure function of the repository; a failure is not kept.
   */
  /**
   * The members of each group that exists, by group id in sorted order: every target that names the
   * group anywhere in its groups, once, in the order of {@link #targets()}. The one builder of this
   * map (file_sd lists, coverage, diff); computed once per repository.
   */
  @SuppressWarnings("unchecked")
  public Map<String, List<Target>> groupMembers() {
    return derived(GROUP_MEMBERS, Map.class, Repository::buildGroupMembers);
  }

  private static final Object GROUP_MEMBERS = new Object();

  private static Map<String, List<Target>> buildGroupMembers(Repository repository) {
    Map<String, List<Target>> members = new TreeMap<>();
    for (Target target : repository.targets()) {
      for (String group : new LinkedHashSet<>(target.groups())) {
        if (repository.group(group).isPresent()) {
          members.computeIfAbsent(group, g -> new ArrayList<>()).add(target);
        }
      }
    }
    members.replaceAll((group, targets) -> List.copyOf(targets));
    return Collections.unmodifiableMap(members);
  }

  public <T> T derived(Object key, Class<T> type, Function<Repository, T> compute) {
    Object known = derived.get(key);
    if (known == null) {
      // Not computeIfAbsent: compute may derive other values, and two threads computing the same
      // pure value at once only cost time.
      known = compute.apply(this);
      Object raced = derived.putIfAbsent(key, known);
      known = raced == null ? known : raced;
    }
    return type.cast(known);
  }

  /**
   * This repository with its targets' YAML trees dropped ({@link Origin#withoutTree}). Render uses
   * it once validation has passed: at 50,000 targets the trees are a quarter of the heap, and a
   * validated repository's targets are not pointed at again (a diagnostic would still name the
   * target's document).
   */
  public Repository withLeanTargets() {
    List<Target> lean = new java.util.ArrayList<>(targets.size());
    for (Target t : targets) {
      lean.add(
          new Target(
              t.id(), t.hostname(), t.address(), t.groups(), t.labels(), t.origin().withoutTree()));
    }
    return new Repository(
        scriptTemplates,
        scriptPolicies,
        alertTemplates,
        alertRules,
        recordingRules,
        groups,
        lean,
        settings);
  }

  public static Repository empty() {
    return new Repository(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Settings.DEFAULT);
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      map.putIfAbsent(key.apply(item), item);
    }
    return Collections.unmodifiableMap(map);
  }

  public List<ScriptTemplate> scriptTemplates() {
    return scriptTemplates;
  }

  public List<ScriptPolicy> scriptPolicies() {
    return scriptPolicies;
  }

  public List<AlertTemplate> alertTemplates() {
    return alertTemplates;
  }

  public List<AlertRule> alertRules() {
    return alertRules;
  }

  /** In load order. */
  public List<RecordingRule> recordingRules() {
    return recordingRules;
  }

  public List<Group> groups() {
    return groups;
  }

  public List<Target> targets() {
    return targets;
  }

  public Settings settings() {
    return settings;
  }

  public Optional<ScriptTemplate> scriptTemplate(String name) {
    return Optional.ofNullable(scriptTemplatesByName.get(name));
  }

  public Optional<AlertTemplate> alertTemplate(String id) {
    return Optional.ofNullable(alertTemplatesById.get(id));
  }

  public Optional<Group> group(String id) {
    return Optional.ofNullable(groupsById.get(id));
  }

  public Optional<Target> target(String id) {
    return Optional.ofNullable(targetsById.get(id));
  }

  public Optional<Target> targetByHostname(String hostname) {
    return Optional.ofNullable(targetsByHostname.get(hostname));
  }

  /** The check a policy applies, when its template resolves. */
  public Optional<CheckDefinition> definitionOf(ScriptPolicy policy) {
    if (policy.source() instanceof ScriptPolicy.Direct direct) {
      return Optional.of(direct.definition());
    }
    ScriptPolicy.FromTemplate ref = (ScriptPolicy.FromTemplate) policy.source();
    return scriptTemplate(ref.templateId()).map(ScriptTemplate::definition);
  }

  /** Script policies grouped by scope: key "" for global, else the group id. Built per call. */
  public Map<String, List<ScriptPolicy>> policiesByScopeKey() {
    Map<String, List<ScriptPolicy>> map = new LinkedHashMap<>();
    for (ScriptPolicy p : scriptPolicies) {
      String key = p.scope() instanceof Scope.InGroup g ? g.groupId() : "";
      map.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    return map;
  }
}
