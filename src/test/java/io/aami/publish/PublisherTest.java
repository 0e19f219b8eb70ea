package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.render.RenderedFile;
import io.aami.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_500_000_000_000L);

  /** The smallest manifest that marks a directory as published by aami. */
  private static final String MANIFEST = "{\"files\": [], \"format_version\": 1}\n";

  @TempDir Path tmp;

  private Path out() {
    return tmp.resolve("public");
  }

  private static List<RenderedFile> site(String... pathsAndContents) {
    List<RenderedFile> files = new ArrayList<>();
    files.add(RenderedFile.text(Publisher.OWNERSHIP_MARKER, MANIFEST));
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.add(RenderedFile.text(pathsAndContents[i], pathsAndContents[i + 1]));
    }
    return files;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> list = Files.list(tmp)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("public"))
          .sorted()
          .toList();
    }
  }

  @Test
  void firstPublishCreatesTheWholeTree() throws Exception {
    PublishResult result =
        new Publisher().publish(out(), site("api/a", "A\n", "api/deep/b", "B\n"));
    assertTrue(result.swapped());
    assertEquals(List.of("api/a", "api/deep/b", "manifest.json"), result.diff().added());
    assertEquals(
        Map.of("manifest.json", MANIFEST, "api/a", "A\n", "api/deep/b", "B\n"),
        Trees.readTextTree(out()));
    assertEquals(List.of(), siblings(), "no staging directory is left behind");
  }

  @Test
  void publishingTheSameSiteAgainTouchesNothing() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n", "api/deep/b", "B\n"));
    Trees.setMtimes(out(), LONG_AGO);
    Object inode = Files.getAttribute(out().resolve("api/a"), "unix:ino");
    Map<String, FileTime> before = Trees.mtimes(out());

    PublishResult again = new Publisher().publish(out(), site("api/a", "A\n", "api/deep/b", "B\n"));

    assertFalse(again.swapped());
    assertTrue(again.diff().isEmpty());
    assertEquals(before, Trees.mtimes(out()), "files and directories keep their mtime");
    assertEquals(inode, Files.getAttribute(out().resolve("api/a"), "unix:ino"));
  }

  @Test
  void unchangedFilesKeepTheirMtimeWhenOthersChangeAndStaleFilesGo() throws Exception {
    new Publisher()
        .publish(out(), site("api/same", "S\n", "api/edited", "old\n", "api/stale", "gone\n"));
    Trees.setMtimes(out(), LONG_AGO);

    PublishResult result =
        new Publisher()
            .publish(out(), site("api/same", "S\n", "api/edited", "new\n", "api/new", "N\n"));

    assertTrue(result.swapped());
    assertEquals(
        new SiteDiff(List.of("api/new"), List.of("api/stale"), List.of("api/edited")),
        result.diff());
    assertEquals(
        Map.of(
            "manifest.json", MANIFEST, "api/same", "S\n", "api/edited", "new\n", "api/new", "N\n"),
        Trees.readTextTree(out()));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(out().resolve("api/same")));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(out().resolve("manifest.json")));
    assertTrue(Files.getLastModifiedTime(out().resolve("api/edited")).compareTo(LONG_AGO) > 0);
    assertEquals(List.of(), siblings());
  }

  @Test
  void aWriteFailingHalfWayLeavesThePreviousTreeExactlyAsItWas() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n", "api/b", "B\n", "api/c", "C\n"));
    Trees.setMtimes(out(), LONG_AGO);
    Map<String, String> contentBefore = Trees.readTextTree(out());
    Map<String, FileTime> timesBefore = Trees.mtimes(out());
    AtomicInteger writes = new AtomicInteger();
    SiteFileWriter diskFullAfterOneFile =
        (file, content) -> {
          if (writes.incrementAndGet() > 1) {
            Files.write(file, new byte[] {'x'}); // a partial file, as a real failure would leave
            throw new IOException("No space left on device");
          }
          SiteFileWriter.DIRECT.write(file, content);
        };

    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new Publisher(diskFullAfterOneFile)
                    .publish(out(), site("api/a", "A2\n", "api/b", "B2\n", "api/c", "C2\n")));

    assertEquals("No space left on device", e.getMessage());
    assertEquals(2, writes.get());
    assertEquals(contentBefore, Trees.readTextTree(out()));
    assertEquals(timesBefore, Trees.mtimes(out()));
    assertEquals(List.of(), siblings(), "the staging tree is removed");
  }

  @Test
  void anExceptionThrownMidWriteAlsoLeavesThePreviousTree() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n"));
    Map<String, String> before = Trees.readTextTree(out());
    SiteFileWriter crashing =
        (file, content) -> {
          throw new IllegalStateException("renderer bug");
        };
    assertThrows(
        IllegalStateException.class,
        () -> new Publisher(crashing).publish(out(), site("api/a", "changed\n", "api/b", "B\n")));
    assertEquals(before, Trees.readTextTree(out()));
    assertEquals(List.of(), siblings());
  }

  @Test
  void symlinkedOutputIsSwappedByReplacingTheLinkAndOldTreesAreDeleted() throws Exception {
    Path first = tmp.resolve("elsewhere");
    Files.createDirectories(first);
    Files.createSymbolicLink(out(), first);

    new Publisher().publish(out(), site("api/a", "A\n"));
    assertTrue(Files.isSymbolicLink(out()));
    Path live1 = out().toRealPath();
    assertTrue(live1.getFileName().toString().startsWith(".public.aami-site-"), live1.toString());
    assertTrue(Files.isDirectory(first), "a directory aami did not create is left alone");
    Trees.setMtimes(live1, LONG_AGO);

    new Publisher().publish(out(), site("api/a", "A\n", "api/b", "B\n"));
    Path live2 = out().toRealPath();
    assertFalse(live1.equals(live2));
    assertFalse(Files.exists(live1), "the previous generation is deleted");
    assertEquals(
        Map.of("manifest.json", MANIFEST, "api/a", "A\n", "api/b", "B\n"),
        Trees.readTextTree(live2));
    assertEquals(LONG_AGO, Files.getLastModifiedTime(out().resolve("api/a")));
    assertEquals(List.of(live2.getFileName().toString(), "elsewhere"), siblings());
  }

  @Test
  void refusesToReplaceADirectoryAamiDidNotCreate() throws Exception {
    Files.createDirectories(out());
    Files.writeString(out().resolve("thesis.tex"), "years of work");
    UnmanagedOutputException e =
        assertThrows(
            UnmanagedOutputException.class,
            () -> new Publisher().publish(out(), site("api/a", "A\n")));
    assertTrue(e.getMessage().contains("has no manifest.json"), e.getMessage());
    assertEquals(Map.of("thesis.tex", "years of work"), Trees.readTextTree(out()));
    assertEquals(List.of(), siblings(), "a refused publish leaves no lock file either");
  }

  @Test
  void concurrentPublishesAreSerializedAndLeaveNoLockFile() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      String content = "from " + t + "\n";
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 5; i++) {
                    new Publisher().publish(out(), site("api/a", content + i, "api/b", content));
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(120_000);
    }

    assertEquals(List.of(), failures);
    assertEquals(List.of(), siblings());
    Map<String, String> tree = Trees.readTextTree(out());
    assertEquals(
        tree.get("api/b") + tree.get("api/a").charAt(tree.get("api/a").length() - 1),
        tree.get("api/a"),
        "one publish's files, never a mix");
  }

  @Test
  void aManifestJsonThatAamiDidNotWriteDoesNotMakeADirectoryAamis() throws Exception {
    // A web app's public/ has a manifest.json of its own (the PWA web app manifest).
    Files.createDirectories(out());
    Files.writeString(out().resolve("manifest.json"), "{\"name\": \"My App\", \"icons\": []}\n");
    Files.writeString(out().resolve("index.html"), "<h1>app</h1>");
    UnmanagedOutputException e =
        assertThrows(
            UnmanagedOutputException.class,
            () -> new Publisher().publish(out(), site("api/a", "A\n")));
    assertTrue(
        e.getMessage().contains("has a manifest.json that aami did not write"), e.getMessage());
    assertEquals(
        Map.of(
            "manifest.json",
            "{\"name\": \"My App\", \"icons\": []}\n",
            "index.html",
            "<h1>app</h1>"),
        Trees.readTextTree(out()));
    assertEquals(List.of(), siblings());
  }

  @Test
  void aFileWhereTheOutputOrItsParentShouldBeIsRefused() throws Exception {
    Files.writeString(out(), "not a directory");
    RefusedOutputException atOut =
        assertThrows(
            RefusedOutputException.class,
            () -> new Publisher().publish(out(), site("api/a", "A\n")));
    assertTrue(
        atOut
            .getMessage()
            .endsWith(
                "public exists and is not a directory; --out must name a directory "
                    + "(it is created if missing)"),
        atOut.getMessage());
    RefusedOutputException atParent =
        assertThrows(
            RefusedOutputException.class,
            () -> new Publisher().publish(out().resolve("site"), site("api/a", "A\n")));
    assertEquals(
        "cannot create the directory " + out() + " for the output: a file of that name exists",
        atParent.getMessage());
    assertEquals("not a directory", Files.readString(out()));
  }

  @Test
  void anEmptyExistingDirectoryIsFine() throws Exception {
    Files.createDirectories(out());
    new Publisher().publish(out(), site("api/a", "A\n"));
    assertEquals(Map.of("manifest.json", MANIFEST, "api/a", "A\n"), Trees.readTextTree(out()));
  }

  @Test
  void leftoversOfACrashedRunAreRemoved() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n"));
    Path dead = Files.createDirectories(tmp.resolve(".public.aami-tmp-0123456789abcdef/api"));
    Files.writeString(dead.resolve("half"), "half-writ");
    new Publisher().publish(out(), site("api/a", "A\n"));
    assertEquals(List.of(), siblings());
  }

  @Test
  void aCrashBetweenTheTwoRenamesIsRepairedByTheNextRun() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n", "api/b", "B\n"));
    Trees.setMtimes(out(), LONG_AGO);
    // What a kill -9 between "rename DIR aside" and "rename staging into place" leaves.
    Files.move(out(), tmp.resolve(".public.aami-old-00000000000000aa"));

    new Publisher().publish(out(), site("api/a", "A\n", "api/b", "B2\n"));

    assertEquals(
        Map.of("manifest.json", MANIFEST, "api/a", "A\n", "api/b", "B2\n"),
        Trees.readTextTree(out()));
    assertEquals(
        LONG_AGO,
        Files.getLastModifiedTime(out().resolve("api/a")),
        "the recovered tree was the base: unchanged files kept their mtime");
    assertEquals(List.of(), siblings());
  }

  @Test
  void newTreesGetOrdinaryPermissionsSoWebServersCanReadThem() throws Exception {
    Path reference = Files.createDirectory(tmp.resolve("reference"));
    new Publisher().publish(out(), site("api/a", "A\n"));
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out()));
    assertEquals(
        Files.getPosixFilePermissions(reference),
        Files.getPosixFilePermissions(out().resolve("api")));
  }

  @Test
  void diffReadsOnlyAndReportsForeignEntriesToo() throws Exception {
    new Publisher().publish(out(), site("api/a", "A\n", "api/b", "B\n"));
    Files.createSymbolicLink(out().resolve("api/link"), out().resolve("api/a"));
    Map<String, FileTime> before = Trees.mtimes(out());
    SiteDiff diff = new Publisher().diff(out(), site("api/a", "A!\n", "api/c", "C\n"));
    assertEquals(
        new SiteDiff(List.of("api/c"), List.of("api/b", "api/link"), List.of("api/a")), diff);
    assertEquals(before, Trees.mtimes(out()));
    assertTrue(Files.isSymbolicLink(out().resolve("api/link")));
  }

  @Test
  void aMissingOutputDiffsAsEverythingAdded() throws Exception {
    SiteDiff diff = new Publisher().diff(out(), site("api/a", "A\n"));
    assertEquals(List.of("api/a", "manifest.json"), diff.added());
    assertFalse(Files.exists(out()));
  }

  @Test
  void filesSharingOneContentAreWrittenOnceAndHardLinked() throws Exception {
    byte[] shared = "same document\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<RenderedFile> files = new ArrayList<>(site());
    files.add(new RenderedFile("api/by-id", shared));
    files.add(new RenderedFile("api/by-hostname", shared));
    AtomicInteger writes = new AtomicInteger();
    new Publisher(
            (file, content) -> {
              writes.incrementAndGet();
              SiteFileWriter.DIRECT.write(file, content);
            })
        .publish(out(), files);
    assertEquals(2, writes.get(), "the manifest and the shared document");
    assertEquals(
        Files.getAttribute(out().resolve("api/by-id"), "unix:ino"),
        Files.getAttribute(out().resolve("api/by-hostname"), "unix:ino"));
    assertEquals("same document\n", Files.readString(out().resolve("api/by-hostname")));
  }

  @Test
  void aChangedFileGetsAnMtimeAtLeastOneSecondPastItsPreviousOne() throws Exception {
    new Publisher().publish(out(), site("api/a", "v1\n"));
    // As if the previous render had happened within this very second (or the clock went back).
    FileTime previous =
        FileTime.from(
            java.time.Instant.now()
                .plusSeconds(3600)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Files.setLastModifiedTime(out().resolve("api/a"), previous);

    new Publisher().publish(out(), site("api/a", "v2\n"));

    assertEquals("v2\n", Files.readString(out().resolve("api/a")));
    assertTrue(
        Files.getLastModifiedTime(out().resolve("api/a")).to(java.util.concurrent.TimeUnit.SECONDS)
            > previous.to(java.util.concurrent.TimeUnit.SECONDS),
        "same size, so only the mtime can change the ETag");
  }
}
