package dev.prism.adapters.tokenizer;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hugging Face {@code tokenizer.json} read from a local file through DJL's binding of the Rust
 * {@code tokenizers} library. Never downloads: there is no way to load by hub name.
 *
 * <p>The native library ships inside the DJL jar and is unpacked on first use into {@code
 * ~/.djl.ai} (or {@code $DJL_CACHE_DIR}). Encoding adds no special tokens and never truncates, as
 * HELM's {@code HuggingFaceTokenizer} ({@code add_special_tokens=False}). Each file is loaded once
 * per JVM and shared; the native tokenizer is never closed. Thread-safe.
 */
public final class HuggingFaceTokenizer implements Tokenizer {
  /** The prefix of a tokenizer name that names a local file, {@code huggingface:/path}. */
  public static final String PREFIX = "huggingface:";

  private static final String FILE_NAME = "tokenizer.json";
  private static final Map<Path, HuggingFaceTokenizer> CACHE = new ConcurrentHashMap<>();

  private final Path file;
  private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;

  private HuggingFaceTokenizer(Path file) {
    this.file = file;
    // Even a misconfigured DJL must not reach for the network.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    try {
      this.delegate =
          ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(
              file,
              Map.of(
                  "addSpecialTokens", "false",
                  "truncation", "false",
                  "padding", "false"));
    } catch (IOException e) {
      throw new PrismUserException(
          "cannot read tokenizer file " + file + ": " + e.getMessage(),
          "Give the path of a Hugging Face tokenizer.json",
          e);
    }
  }

  /**
   * The shared tokenizer of {@code path}: a {@code tokenizer.json} file, or a folder holding one.
   *
   * @throws PrismUserException when there is no such file or it is not a tokenizer
   */
  public static HuggingFaceTokenizer load(Path path) {
    Path file = path.toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      file = file.resolve(FILE_NAME);
    }
    if (!Files.isRegularFile(file)) {
      throw new PrismUserException(
          "tokenizer file " + file + " does not exist",
          "Point tokenizer_name at a local tokenizer.json: huggingface:/path/to/tokenizer.json");
    }
    return CACHE.computeIfAbsent(file, HuggingFaceTokenizer::new);
  }

  /** The absolute path of the {@code tokenizer.json} file. */
  public Path file() {
    return file;
  }

  /** {@code huggingface:} plus the file's absolute path. */
  @Override
  public String name() {
    return PREFIX + file;
  }

  @Override
  public List<Integer> encode(String text) {
    long[] ids = delegate.encode(text, false, false).getIds();
    List<Integer> result = new ArrayList<>(ids.length);
    for (long id : ids) {
      result.add(Math.toIntExact(id));
    }
    return List.copyOf(result);
  }

  @Override
  public int count(String text) {
    return delegate.encode(text, false, false).getIds().length;
  }

  @Override
  public String decode(List<Integer> tokens) {
    long[] ids = new long[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens.get(i);
    }
    return delegate.decode(ids, false);
  }

  @Override
  public String toString() {
    return name();
  }
}
