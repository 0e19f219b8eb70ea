package io.aami.importer;

import java.util.List;

/**
 * What {@code aami import rules} imports: source files already read (name and bytes; the name
 * {@code -} is stdin), into group {@code groupId} or, when it is null, as global rules. {@code
 * idPrefix} starts every id and names the directory; null uses the group id or {@code global}.
 */
public record RuleImportRequest(List<Source> sources, String groupId, String idPrefix) {
  public RuleImportRequest {
    sources = List.copyOf(sources);
  }

  /** One file given on the command line; never compared, so its array needs no equals. */
  @SuppressWarnings("ArrayRecordComponent")
  public record Source(String name, byte[] bytes) {}

  public boolean global() {
    return groupId == null;
  }

  public String prefix() {
    return idPrefix != null ? idPrefix : global() ? "global" : groupId;
  }
}
