package io.aami.validate;

import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;

/**
 * One concept of semantic validation. A check only looks at objects that loaded; documents the
 * loader refused are already reported and are never reported again as unknown or inconsistent.
 */
interface SemanticCheck {
  void check(LoadResult loaded, Diagnostics out);
}
