package io.aami.author;

import io.aami.edit.UnifiedDiff;

/** One file a command creates ({@code before} null), rewrites, or deletes ({@code after} null). */
// Bytes are carried, never compared: no caller uses this record's equals or hashCode.
@SuppressWarnings("ArrayRecordComponent")
public record FileChange(String path, byte[] before, byte[] after) {

  public String verb() {
    return before == null ? "created" : after == null ? "deleted" : "modified";
  }

  public String unifiedDiff() {
    return UnifiedDiff.of(path, before, after);
  }
}
