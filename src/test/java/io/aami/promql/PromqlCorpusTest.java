package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's own corpus: every example of the PromQL documentation pages must be accepted
 * (without errors), and every error the front end can produce has an invalid case whose message it
 * must give.
 */
class PromqlCorpusTest {

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = PromqlCorpusTest.class.getResourceAsStream(resource)) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if ((!line.startsWith("#") && !line.isBlank()) || line.startsWith("\t")) {
          out.add(line);
        }
      }
      return out;
    }
  }

  @Test
  void everyDocumentationExampleIsAccepted() throws IOException {
    List<String> rejected = new ArrayList<>();
    List<String> valid = lines("/promql/valid.txt");
    for (String query : valid) {
      PromQL.Result r = PromQL.check(query);
      if (!r.valid() || r.expr().isEmpty()) {
        rejected.add(query + "  =>  " + r.firstError().map(Problem::message).orElse("no tree"));
      }
    }
    assertEquals(List.of(), rejected);
    assertTrue(valid.size() > 200, "corpus too small: " + valid.size());
  }

  @Test
  void everyInvalidCaseIsRefusedWithItsMessage() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String line : lines("/promql/invalid.txt")) {
      int tab = line.lastIndexOf('\t');
      String query = line.substring(0, tab);
      String expected = line.substring(tab + 1);
      PromQL.Result r = PromQL.check(query);
      String got = r.firstError().map(Problem::message).orElse("(accepted)");
      if (!got.contains(expected)) {
        wrong.add(query + "  =>  " + got + "   (expected: " + expected + ")");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aCommentAloneIsAnEmptyQuery() {
    assertEquals(
        "the query is empty: expected an expression",
        PromQL.check("# only a comment\n").firstError().orElseThrow().message());
  }
}
