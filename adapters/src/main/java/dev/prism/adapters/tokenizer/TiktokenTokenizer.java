package dev.prism.adapters.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI's tiktoken byte-pair encodings through jtokkit, which bundles them, so nothing is
 * downloaded: {@code r50k_base} (GPT-2, GPT-3), {@code p50k_base}, {@code p50k_edit}, {@code
 * cl100k_base} (GPT-3.5, GPT-4) and {@code o200k_base} (GPT-4o and later).
 *
 * <p>Each encoding is loaded once per JVM, on first use (about 0.1–0.5 s), and shared.
 * Special-token text is encoded as ordinary text (tiktoken's {@code encode_ordinary}). Thread-safe.
 */
public final class TiktokenTokenizer implements Tokenizer {
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  private static final Map<EncodingType, TiktokenTokenizer> CACHE = new ConcurrentHashMap<>();

  private final EncodingType type;
  private final Encoding encoding;

  private TiktokenTokenizer(EncodingType type) {
    this.type = type;
    this.encoding = REGISTRY.getEncoding(type);
  }

  /**
   * The shared tokenizer for encoding {@code name}, e.g. {@code o200k_base}.
   *
   * @throws IllegalArgumentException for an unknown encoding, listing the known ones
   */
  public static TiktokenTokenizer of(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown tiktoken encoding '" + name + "'; known: " + encodings()));
  }

  /** The shared tokenizer for encoding {@code name}, if jtokkit has it. */
  public static Optional<TiktokenTokenizer> find(String name) {
    Objects.requireNonNull(name, "name");
    return EncodingType.fromName(name).map(t -> CACHE.computeIfAbsent(t, TiktokenTokenizer::new));
  }

  /** The names of the bundled encodings. */
  public static List<String> encodings() {
    return Arrays.stream(EncodingType.values()).map(EncodingType::getName).toList();
  }

  /** The encoding's name, e.g. {@code o200k_base}. */
  public String encodingName() {
    return type.getName();
  }

  /** {@code openai/} plus the encoding's name, HELM's tokenizer name. */
  @Override
  public String name() {
    return "openai/" + type.getName();
  }

  @Override
  public List<Integer> encode(String text) {
    return encoding.encodeOrdinary(text).boxed();
  }

  @Override
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  @Override
  public String decode(List<Integer> tokens) {
    IntArrayList ids = new IntArrayList(tokens.size());
    for (int id : tokens) {
      ids.add(id);
    }
    return encoding.decode(ids);
  }

  @Override
  public String toString() {
    return name();
  }
}
