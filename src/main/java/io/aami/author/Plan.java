package io.aami.author;

import io.aami.diag.SourceLocation;
import io.aami.validate.ValidationReport;
import java.util.List;

/** What an authoring command would do: the file changes, or why it will not. */
public sealed interface Plan {

  /** The repository stays valid with these changes ({@code report} may hold warnings). */
  record Changes(List<FileChange> files, ValidationReport report) implements Plan {
    public Changes {
      files = List.copyOf(files);
    }
  }

  /** No document of this kind has that id. */
  record NotFound(DocumentKind kind, String id, String suggestion) implements Plan {}

  /** The id is taken, or the new document's file already exists. */
  record AlreadyExists(DocumentKind kind, String id, SourceLocation at) implements Plan {}

  /** Deleting would leave these documents pointing at nothing. */
  record StillReferenced(DocumentKind kind, String id, List<DocumentKind.Reference> references)
      implements Plan {
    public StillReferenced {
      references = List.copyOf(references);
    }
  }

  /**
   * The change breaks a rule stated in {@code message} at {@code at} (e.g. a version not bumped).
   */
  record Rejected(String message, SourceLocation at) implements Plan {}

  /**
   * The repository with the change would have errors. {@code alreadyInvalid}: it had errors before
   * the change too, which are to be fixed first.
   */
  record Invalid(ValidationReport report, boolean alreadyInvalid) implements Plan {}

  /** The request cannot apply to this document (e.g. {@code --set} through a non-mapping). */
  record BadRequest(String message) implements Plan {}
}
