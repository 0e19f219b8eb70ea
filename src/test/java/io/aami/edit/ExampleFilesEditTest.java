package io.aami.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Golden;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every value of every YAML file of the example repository (comments, multi-document files, a kind:
 * List file, block scalars, flow sequences) is replaced once: each time, the bytes before and after
 * that value stay exactly as they were.
 */
class ExampleFilesEditTest {
  private record Leaf(int document, List<Object> path, YScalar node) {}

  @Test
  void replacingAnyValueKeepsEveryOtherByte() throws Exception {
    int edits = 0;
    for (Path file : exampleFiles()) {
      String name = Golden.projectDir().relativize(file).toString();
      ParsedYaml parsed = YamlReader.read(name, Files.readAllBytes(file));
      String text = parsed.text();
      for (Leaf leaf : leaves(parsed)) {
        Object doc =
            withValue(
                YValues.toPlain(parsed.documents().get(leaf.document())),
                leaf.path(),
                0,
                "edited: value #" + edits);
        String result = DocumentEditor.replace(parsed, leaf.document(), doc);
        int start = leaf.node().startOffset();
        int end = leaf.node().endOffset();
        assertEquals(
            text.substring(0, start), result.substring(0, start), name + " " + leaf.path());
        assertTrue(result.endsWith(text.substring(end)), name + " " + leaf.path());
        assertNotEquals(text, result);
        edits++;
      }
    }
    assertTrue(edits > 200, "only " + edits + " values edited");
  }

  private static List<Path> exampleFiles() throws Exception {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("templates", "policies", "inventory")) {
      try (Stream<Path> walk = Files.walk(Golden.projectDir().resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static List<Leaf> leaves(ParsedYaml parsed) {
    List<Leaf> leaves = new ArrayList<>();
    for (int i = 0; i < parsed.documents().size(); i++) {
      collect(i, parsed.documents().get(i), new ArrayList<>(), leaves);
    }
    return leaves;
  }

  private static void collect(int document, YNode node, List<Object> path, List<Leaf> out) {
    if (node instanceof YScalar scalar) {
      out.add(new Leaf(document, List.copyOf(path), scalar));
    } else if (node instanceof YMap map) {
      for (YMap.Entry e : map.entries()) {
        path.add(e.name());
        collect(document, e.value(), path, out);
        path.remove(path.size() - 1);
      }
    } else {
      List<YNode> items = ((YSeq) node).items();
      for (int i = 0; i < items.size(); i++) {
        path.add(i);
        collect(document, items.get(i), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  private static Object withValue(Object current, List<Object> path, int depth, Object value) {
    if (depth == path.size()) {
      return value;
    }
    Object step = path.get(depth);
    if (current instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (k, v) ->
              copy.put((String) k, k.equals(step) ? withValue(v, path, depth + 1, value) : v));
      return copy;
    }
    List<Object> copy = new ArrayList<>((List<?>) current);
    int index = (Integer) step;
    copy.set(index, withValue(copy.get(index), path, depth + 1, value));
    return copy;
  }
}
