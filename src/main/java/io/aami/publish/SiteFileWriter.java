package io.aami.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one new file of the staging tree. The seam through which tests make a render fail half-way
 * (a disk filling up, an exception mid-write) to prove the live tree survives.
 */
@FunctionalInterface
public interface SiteFileWriter {
  void write(Path file, byte[] content) throws IOException;

  SiteFileWriter DIRECT =
      (file, content) ->
          Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
}
