package io.aami.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.coverage.CoverageReport;
import io.aami.coverage.CoverageService;
import io.aami.testing.TestRepo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The formats at the size the issue names: 500 groups × 100 checks. */
class CoverageFormatsTest {
  static final int GROUPS = 500;
  static final int CHECKS = 100;
  static CoverageReport large;

  @BeforeAll
  static void buildLargeRepository(@TempDir Path dir) {
    TestRepo repo = new TestRepo(dir);
    StringBuilder templates = new StringBuilder();
    StringBuilder policies = new StringBuilder();
    for (int c = 0; c < CHECKS; c++) {
      templates.append(TestRepo.template("check-" + c, "{level: 1}")).append("---\n");
      policies.append(TestRepo.policy("global-" + c, null, "check-" + c, "")).append("---\n");
    }
    StringBuilder inventory = new StringBuilder();
    for (int g = 0; g < GROUPS; g++) {
      String group = String.format("group-%03d", g);
      inventory
          .append(TestRepo.group(group, 0))
          .append("---\n")
          .append(TestRepo.target("node-" + g, group))
          .append("---\n");
      policies
          .append(
              TestRepo.policy("own-" + g, group, "check-" + (g % CHECKS), "config: {level: 2}\n"))
          .append("---\n");
    }
    repo.file("templates/t.yaml", templates.toString())
        .file("policies/p.yaml", policies.toString())
        .file("inventory/i.yaml", inventory.toString());
    large = new CoverageService().build(repo.load());
  }

  @Test
  void markdownFitsAPullRequestCommentAndSaysWhatWasCut() {
    String markdown = CoverageFormat.MARKDOWN.format(large);
    assertTrue(markdown.length() <= CoverageMarkdown.MAX_CHARS, "length " + markdown.length());
    assertTrue(markdown.contains("group sections are not shown"), "says what was cut");
    assertTrue(
        markdown.contains(
            "| `check-7` | `group-007`, `group-107`, `group-207`, `group-307`,"
                + " `group-407` | `group-000`, "),
        "names the own-policy groups, then the global ones");
    assertTrue(
        markdown.contains("`group-008` and 487 more | — | — |"),
        "long lists of groups are cut with a count");
  }

  @Test
  void htmlIsWellFormedSelfContainedAndHasEveryCell() throws Exception {
    String html = CoverageFormat.HTML.format(large);
    Document page =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        GROUPS,
        page.getElementsByTagName("tbody").item(0).getChildNodes().getLength()
            - whitespaceNodes(page));
    assertEquals(GROUPS * CHECKS, page.getElementsByTagName("td").getLength());
    assertTrue(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src="),
        "no network resources");
    assertTrue(html.contains("position:sticky") && html.contains("id=\"filter\""));
  }

  private static int whitespaceNodes(Document page) {
    int count = 0;
    var children = page.getElementsByTagName("tbody").item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
        count++;
      }
    }
    return count;
  }
}
