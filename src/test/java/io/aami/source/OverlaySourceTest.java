package io.aami.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlaySourceTest {
  @TempDir Path root;

  @Test
  void changedFilesReplaceAddAndHideThoseOfTheBase() throws Exception {
    Files.createDirectories(root.resolve("policies"));
    Files.writeString(root.resolve("policies/a.yaml"), "a\n");
    Files.writeString(root.resolve("policies/b.yaml"), "b\n");
    OverlaySource overlay =
        new OverlaySource(
            new WorkTreeSource(root),
            Map.of(
                "policies/a.yaml", Optional.of("A\n".getBytes(StandardCharsets.UTF_8)),
                "policies/b.yaml", Optional.empty(),
                "inventory/new/c.yaml", Optional.of("c\n".getBytes(StandardCharsets.UTF_8))));
    assertEquals(List.of("policies/a.yaml"), overlay.listFiles("policies"));
    assertEquals(List.of("inventory/new/c.yaml"), overlay.listFiles("inventory"));
    assertArrayEquals("A\n".getBytes(StandardCharsets.UTF_8), overlay.read("policies/a.yaml"));
    assertEquals(2, overlay.size("policies/a.yaml"));
    assertEquals(RepositorySource.PathStatus.MISSING, overlay.status("policies/b.yaml"));
    assertEquals(RepositorySource.PathStatus.DIRECTORY, overlay.status("inventory/new"));
    assertEquals(RepositorySource.PathStatus.FILE, overlay.status("inventory/new/c.yaml"));
    assertEquals("b\n", Files.readString(root.resolve("policies/b.yaml")));
  }
}
