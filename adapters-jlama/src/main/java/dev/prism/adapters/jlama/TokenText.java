package dev.prism.adapters.jlama;

import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes each token id stands for. Byte-fallback tokens ({@code <0x41>}) are one raw byte each,
 * decoded here rather than by Jlama, whose single-token decoder buffers such bytes across calls;
 * every other token is Jlama's own decoding (SentencePiece's {@code ▁} as a space).
 */
final class TokenText {
  private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-Fa-f]{2})>");

  private final Tokenizer tokenizer;

  TokenText(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  byte[] bytes(int id) {
    String piece = tokenizer.getModel().vocabLookup.inverse().get((long) id);
    if (piece != null && tokenizer.getModel().byteFallback) {
      Matcher m = BYTE_TOKEN.matcher(piece);
      if (m.matches()) {
        return new byte[] {(byte) Integer.parseInt(m.group(1), 16)};
      }
    }
    String text = tokenizer.decode(id);
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }

  /** The token as text; a lone byte of a multi-byte character shows as U+FFFD. */
  String text(int id) {
    return new String(bytes(id), StandardCharsets.UTF_8);
  }
}
