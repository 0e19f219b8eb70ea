package io.aami.trust;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one reader of PEM text: the blocks of a key or certificate file, base64 decoded. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private Pem() {}

  /** One {@code -----BEGIN label-----} block and its decoded bytes. */
  // Bytes are carried, never compared: no caller uses this record's equals or hashCode.
  @SuppressWarnings("ArrayRecordComponent")
  public record Block(String label, byte[] der) {}

  /** A block whose body is not valid base64. */
  public static final class InvalidBase64Exception extends Exception {
    private final String label;

    InvalidBase64Exception(String label, IllegalArgumentException cause) {
      super("the " + label + " block is not valid base64", cause);
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Every block of {@code text}, in order; text outside blocks is ignored. */
  public static List<Block> blocks(String text) throws InvalidBase64Exception {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new InvalidBase64Exception(m.group(1), e);
      }
    }
    return blocks;
  }
}
