package io.aami.testing;

import io.aami.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main#run} in-process and captures what it wrote. */
public record Cli(int exitCode, String out, String err) {
  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }
}
