package io.aami.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .sig} file: the {@link Statement}'s five payload lines, then one line {@code signature
 * <key id> <base64 Ed25519 signature>} per signing key (two during a rollover). Parsing is strict:
 * any other line, order or spelling is malformed, so that what a reader sees is exactly what was
 * signed.
 */
public record SignatureFile(Statement statement, List<Signed> signatures) {
  /** One key's signature over the statement's payload. */
  // Bytes are carried, never compared: no caller uses this record's equals or hashCode.
  @SuppressWarnings("ArrayRecordComponent")
  public record Signed(String keyId, byte[] value) {}

  public static final int MAX_BYTES = 4096;
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/-]{1,1024}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final Pattern SIGNATURE =
      Pattern.compile("signature ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)");

  public SignatureFile {
    signatures = List.copyOf(signatures);
  }

  public byte[] render() {
    StringBuilder text = new StringBuilder(new String(statement.payload(), StandardCharsets.UTF_8));
    for (Signed s : signatures) {
      text.append("signature ")
          .append(s.keyId())
          .append(' ')
          .append(Base64.getEncoder().encodeToString(s.value()))
          .append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static SignatureFile parse(byte[] content) throws MalformedSignatureException {
    if (content.length > MAX_BYTES) {
      throw new MalformedSignatureException("larger than " + MAX_BYTES + " bytes");
    }
    String text = new String(content, StandardCharsets.US_ASCII);
    if (!text.endsWith("\n")) {
      throw new MalformedSignatureException("does not end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < Statement.LINES + 1) {
      throw new MalformedSignatureException(
          "expected "
              + Statement.LINES
              + " statement lines and at least one signature line, found "
              + lines.length
              + " lines");
    }
    if (!lines[0].equals(Statement.HEADER)) {
      throw new MalformedSignatureException("line 1 must be '" + Statement.HEADER + "'");
    }
    Statement statement =
        new Statement(
            field(lines, 1, "path", PATH, "a site path"),
            field(lines, 2, "sha256", SHA256, "64 lowercase hex digits"),
            Long.parseLong(field(lines, 3, "generation", NUMBER, "a decimal integer")),
            Long.parseLong(field(lines, 4, "expires", NUMBER, "a decimal integer")));
    List<Signed> signatures = new ArrayList<>();
    for (int i = Statement.LINES; i < lines.length; i++) {
      Matcher m = SIGNATURE.matcher(lines[i]);
      if (!m.matches()) {
        throw new MalformedSignatureException(
            "line "
                + (i + 1)
                + " must be 'signature <16 hex digit key id> <base64 Ed25519 signature>'");
      }
      signatures.add(new Signed(m.group(1), Base64.getDecoder().decode(m.group(2))));
    }
    SignatureFile parsed = new SignatureFile(statement, signatures);
    if (!Arrays.equals(parsed.render(), content)) {
      throw new MalformedSignatureException("not in canonical form");
    }
    return parsed;
  }

  private static String field(
      String[] lines, int index, String name, Pattern value, String described)
      throws MalformedSignatureException {
    String prefix = name + " ";
    String line = lines[index];
    if (!line.startsWith(prefix) || !value.matcher(line.substring(prefix.length())).matches()) {
      throw new MalformedSignatureException(
          "line " + (index + 1) + " must be '" + name + " <" + described + ">'");
    }
    return line.substring(prefix.length());
  }
}
