package io.aami.model;

/** An inventory group. {@code priority} breaks ties between groups during resolution. */
public record Group(String id, String name, int priority, String description, Origin origin) {
  public static final int DEFAULT_PRIORITY = 0;
}
