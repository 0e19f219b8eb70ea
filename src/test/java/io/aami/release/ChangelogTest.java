package io.aami.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.scaffold.Scaffold;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** CHANGELOG.md keeps the Keep a Changelog form and has an entry for the version the pom builds. */
class ChangelogTest {
  private static final Pattern RELEASE =
      Pattern.compile("(?m)^## \\[(\\d+\\.\\d+\\.\\d+)] - (\\d{4}-\\d{2}-\\d{2})$");

  @Test
  void thePomVersionHasADatedEntryWithALinkAndTheNewestComesFirst() throws Exception {
    String changelog = Files.readString(Tools.projectDir().resolve("CHANGELOG.md"));
    assertTrue(changelog.startsWith("# Changelog\n"), "title");
    assertTrue(changelog.contains("\n## [Unreleased]\n"), "an Unreleased section");
    Matcher releases = RELEASE.matcher(changelog);
    assertTrue(releases.find(), "no '## [x.y.z] - YYYY-MM-DD' entry");
    assertEquals(
        Scaffold.version(), releases.group(1), "the newest entry is not the pom's version");
    assertTrue(
        changelog.contains("\n[" + Scaffold.version() + "]: https://"), "link for the entry");
    String entry = changelog.substring(releases.end());
    int next = entry.indexOf("\n## [");
    entry = next < 0 ? entry : entry.substring(0, next);
    for (String heading : List.of("### Added", "### Changed")) {
      assertTrue(
          entry.contains("\n" + heading + "\n"),
          heading + " in the " + Scaffold.version() + " entry");
    }
  }
}
