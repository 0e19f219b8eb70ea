package io.aami.model;

/**
 * The Prometheus rule group a rule renders into instead of aami's own group of its scope: an
 * imported rule keeps the {@code name} and {@code interval} (null when unset) of the group it came
 * from. Rules of one scope naming the same group render into one group.
 */
public record RuleGroup(String name, String interval) {}
