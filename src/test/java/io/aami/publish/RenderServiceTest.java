package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderServiceTest {
  @TempDir Path tmp;
  private Path repo;
  private Path out;

  @BeforeEach
  void copySeedRepository() throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
  }

  private RenderService.Request publish() throws java.io.IOException {
    return new RenderService.Request(new WorkTreeSource(repo), repo, out, false);
  }

  @Test
  void aRenderInterruptedMidWriteLeavesThePreviousSiteIntact() throws Exception {
    RenderService.standard().render(publish());
    Map<String, String> before = Trees.readTextTree(out);
    Path targets = repo.resolve("inventory/targets.yaml");
    Files.writeString(
        targets,
        Files.readString(targets)
            .replace("[gpu-cluster, critical-services]", "[gpu-cluster]")
            .replace("groups: [storage-cluster]", "groups: [gpu-cluster]"));
    AtomicInteger written = new AtomicInteger();
    // gpu-db-01 and storage-node-01 now share one document (written once, then hard-linked);
    // the second write fails after the first has landed in the staging tree.
    SiteFileWriter failsOnTheSecondFile =
        (file, content) -> {
          if (written.incrementAndGet() == 2) {
            throw new IOException("simulated crash while writing " + file.getFileName());
          }
          SiteFileWriter.DIRECT.write(file, content);
        };
    RenderService failing =
        new RenderService(RenderService.standardRenderers(), new Publisher(failsOnTheSecondFile));

    IOException e = assertThrows(IOException.class, () -> failing.render(publish()));

    assertTrue(e.getMessage().startsWith("simulated crash while writing "), e.getMessage());
    assertEquals(2, written.get());
    assertEquals(before, Trees.readTextTree(out), "the old site, complete and unmixed");
    try (var siblings = Files.list(tmp)) {
      assertEquals(
          List.of("public", "repo"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList());
    }
    RenderService.Outcome retried = RenderService.standard().render(publish());
    assertInstanceOf(RenderService.Published.class, retried);
    assertEquals(
        List.of(
            "api/v1/checks/target/gpu-db-01",
            "api/v1/checks/target/hostname/gpu-db-01.example.internal",
            "api/v1/checks/target/hostname/storage-node-01.example.internal",
            "api/v1/checks/target/storage-node-01",
            "api/v2/checks/target/gpu-db-01",
            "api/v2/checks/target/hostname/gpu-db-01.example.internal",
            "api/v2/checks/target/hostname/storage-node-01.example.internal",
            "api/v2/checks/target/storage-node-01",
            "manifest.json",
            "prometheus/file_sd/gpu-cluster.json"),
        ((RenderService.Published) retried).result().diff().changed());
  }

  /** Stands for a renderer another part of aami adds (Prometheus rules, file_sd, ...). */
  private static SiteRenderer fixed(String... paths) {
    return repository -> {
      List<RenderedFile> files = new ArrayList<>();
      for (String path : paths) {
        files.add(RenderedFile.text(path, "targets: " + repository.targets().size() + "\n"));
      }
      return files;
    };
  }

  @Test
  void anAddedRendererPublishesItsFilesAndTheManifestListsThem() throws Exception {
    List<SiteRenderer> renderers = new ArrayList<>(RenderService.standardRenderers());
    renderers.add(fixed("prometheus/rules/gpu-cluster.yaml"));
    new RenderService(renderers, new Publisher()).render(publish());
    assertEquals(
        "targets: 6\n", Files.readString(out.resolve("prometheus/rules/gpu-cluster.yaml")));
    assertTrue(
        Files.readString(out.resolve("manifest.json"))
            .contains("\"path\": \"prometheus/rules/gpu-cluster.yaml\""));
  }

  @Test
  void collidingOrUnsafePathsAreRefusedBeforeAnythingIsWritten() throws Exception {
    List<SiteRenderer> renderers = new ArrayList<>(RenderService.standardRenderers());
    renderers.add(
        fixed("api/v1/checks/target/dev-01", "../escape", "api/v1/checks/target/lab-01/x"));
    RenderService.Outcome outcome = new RenderService(renderers, new Publisher()).render(publish());
    RenderService.Refused refused = assertInstanceOf(RenderService.Refused.class, outcome);
    List<String> messages =
        refused.report().diagnostics().stream()
            .filter(d -> d.code().equals(Code.RENDER_PATH.id()))
            .map(Diagnostic::message)
            .toList();
    assertEquals(
        List.of(
            "api/v1/checks/target/lab-01 is both a rendered file and the directory of other files",
            "two rendered files share the path api/v1/checks/target/dev-01",
            "unsafe output path '../escape': every segment must match [A-Za-z0-9][A-Za-z0-9._-]*"
                + " and have at most 255 characters"),
        messages.stream().sorted().toList());
    assertTrue(Files.notExists(out));
  }
}
