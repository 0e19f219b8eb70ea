package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.source.WorkTreeSource;
import org.junit.jupiter.api.Test;

/** The example repository at the project root is what the README runs: it must stay clean. */
class ExampleRepositoryTest {

  @Test
  void exampleRepositoryHasNoDiagnostics() throws Exception {
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(Fixtures.projectDir()));

    assertEquals("", Fixtures.render(loaded.diagnostics()));
    assertEquals("", Fixtures.render(new Validator().check(loaded)));
    Repository repo = loaded.repository();
    assertFalse(
        repo.scriptTemplates().isEmpty()
            || repo.scriptPolicies().isEmpty()
            || repo.alertRules().isEmpty()
            || repo.groups().isEmpty()
            || repo.targets().isEmpty(),
        "the example declares every kind");
  }
}
