package io.aami.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes one AsciiDoc man page per aami command with picocli's ManPageGenerator, from the same
 * command tree {@link Main} runs (every command registered). The release profile of pom.xml runs
 * it, then converts the pages to troff; it lives with the tests because the jar does not need it.
 */
public final class ManPages {
  private ManPages() {}

  /** {@code ManPages OUTDIR}: writes aami.adoc, aami-validate.adoc, ... into OUTDIR. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages OUTDIR");
    }
    int code = generate(new File(args[0]));
    if (code != 0) {
      System.exit(code);
    }
  }

  static int generate(File outdir) throws IOException {
    StringWriter ignored = new StringWriter();
    var commandLine = Main.newCommandLine(new PrintWriter(ignored), new PrintWriter(ignored));
    return ManPageGenerator.generateManPage(
        outdir, null, new boolean[0], true, commandLine.getCommandSpec());
  }
}
