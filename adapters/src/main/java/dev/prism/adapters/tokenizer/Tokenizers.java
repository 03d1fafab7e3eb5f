package dev.prism.adapters.tokenizer;

import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the tokenizer of a deployment, offline.
 *
 * <p>Tokenizer names ({@code tokenizer_name} in {@code models.yaml}):
 *
 * <ul>
 *   <li>{@code openai/<encoding>} or {@code tiktoken/<encoding>}: a tiktoken encoding ({@code
 *       r50k_base}, {@code p50k_base}, {@code p50k_edit}, {@code cl100k_base}, {@code o200k_base}),
 *       see {@link TiktokenTokenizer};
 *   <li>{@code huggingface/gpt2}, {@code openai/gpt2} or {@code gpt2}: GPT-2's BPE, which is {@code
 *       r50k_base};
 *   <li>{@code huggingface:/path/to/tokenizer.json} (or a folder holding one): a local Hugging Face
 *       tokenizer, see {@link HuggingFaceTokenizer};
 *   <li>{@code simple} or {@code simple/<anything>}: {@link SimpleTokenizer}.
 * </ul>
 *
 * <p>Hub names such as {@code meta-llama/Llama-3.1-8B-Instruct} are not loaded (that would need the
 * network); a deployment that declares one gets the approximate fallback, with a reason saying so.
 *
 * <pre>{@code
 * TokenizerChoice choice = Tokenizers.choose(deployment);
 * if (!choice.exact()) log.warn(choice.reason());
 * int n = choice.tokenizer().count(prompt);
 * }</pre>
 */
public final class Tokenizers {
  private static final SimpleTokenizer SIMPLE = new SimpleTokenizer();

  /** OpenAI model-name prefixes and their encodings; the first match wins. */
  private static final List<Map.Entry<String, String>> OPENAI_MODELS =
      List.of(
          Map.entry("gpt-4o", "o200k_base"),
          Map.entry("chatgpt-4o", "o200k_base"),
          Map.entry("gpt-4.1", "o200k_base"),
          Map.entry("gpt-4.5", "o200k_base"),
          Map.entry("gpt-5", "o200k_base"),
          Map.entry("gpt-oss", "o200k_base"),
          Map.entry("o1", "o200k_base"),
          Map.entry("o3", "o200k_base"),
          Map.entry("o4", "o200k_base"),
          Map.entry("gpt-4", "cl100k_base"),
          Map.entry("gpt-3.5", "cl100k_base"),
          Map.entry("gpt-35", "cl100k_base"),
          Map.entry("text-embedding-", "cl100k_base"),
          Map.entry("text-davinci-002", "p50k_base"),
          Map.entry("text-davinci-003", "p50k_base"),
          Map.entry("code-", "p50k_base"),
          Map.entry("text-davinci-edit", "p50k_edit"),
          Map.entry("davinci", "r50k_base"),
          Map.entry("curie", "r50k_base"),
          Map.entry("babbage", "r50k_base"),
          Map.entry("ada", "r50k_base"),
          Map.entry("text-", "r50k_base"),
          Map.entry("gpt2", "r50k_base"));

  /** The encoding of OpenAI models this table does not know (they are newer). */
  private static final String OPENAI_DEFAULT = "o200k_base";

  private Tokenizers() {}

  /** The tokenizer {@link #choose} picks for {@code deployment}. */
  public static Tokenizer forDeployment(Deployment deployment) {
    return choose(deployment).tokenizer();
  }

  /**
   * The tokenizer of {@code deployment} and why: its declared {@code tokenizer_name} when Prism can
   * load it offline; else, for adapter {@code openai}, the encoding of its model; for adapter
   * {@code simple}, {@link SimpleTokenizer}; else the approximate {@link #fallback()}.
   *
   * @throws dev.prism.core.PrismUserException when the declared name is a {@code huggingface:} path
   *     that does not exist or is not a tokenizer
   */
  public static TokenizerChoice choose(Deployment deployment) {
    Optional<String> declared = DeploymentOptions.string(deployment, DeploymentOptions.TOKENIZER);
    if (declared.isPresent()) {
      Optional<Tokenizer> t = find(declared.get());
      if (t.isPresent()) {
        return new TokenizerChoice(
            t.get(), TokenizerChoice.Source.DECLARED, "tokenizer_name " + declared.get());
      }
      return new TokenizerChoice(
          SIMPLE,
          TokenizerChoice.Source.FALLBACK,
          "tokenizer '"
              + declared.get()
              + "' of deployment '"
              + deployment.name()
              + "' is not available offline, so token counts are approximate (simple); give"
              + " tokenizer_name: huggingface:/path/to/tokenizer.json for exact counts");
    }
    switch (deployment.adapter()) {
      case "openai":
        String encoding = openAiEncoding(deployment.model()).orElse(OPENAI_DEFAULT);
        return new TokenizerChoice(
            TiktokenTokenizer.of(encoding),
            TokenizerChoice.Source.MODEL_DEFAULT,
            "OpenAI model " + deployment.model() + " uses " + encoding);
      case "simple":
        return new TokenizerChoice(
            SIMPLE, TokenizerChoice.Source.MODEL_DEFAULT, "simple models use the simple tokenizer");
      default:
        return new TokenizerChoice(
            SIMPLE,
            TokenizerChoice.Source.FALLBACK,
            "deployment '"
                + deployment.name()
                + "' declares no tokenizer_name, so token counts are approximate (simple)");
    }
  }

  /**
   * The tokenizer of this name (see the class comment).
   *
   * @throws IllegalArgumentException when the name is not one Prism can load offline
   * @throws dev.prism.core.PrismUserException for a {@code huggingface:} path that does not exist
   */
  public static Tokenizer byName(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no offline tokenizer named '"
                        + name
                        + "'; use openai/<encoding> (one of "
                        + TiktokenTokenizer.encodings()
                        + "), huggingface:/path/to/tokenizer.json or simple"));
  }

  /**
   * The tokenizer of this name, if Prism can load it offline.
   *
   * @throws dev.prism.core.PrismUserException for a {@code huggingface:} path that does not exist
   */
  public static Optional<Tokenizer> find(String name) {
    String n = name.strip();
    if (n.startsWith(HuggingFaceTokenizer.PREFIX)) {
      return Optional.of(
          HuggingFaceTokenizer.load(Path.of(n.substring(HuggingFaceTokenizer.PREFIX.length()))));
    }
    String lower = n.toLowerCase(Locale.ROOT);
    if (lower.equals("simple") || lower.startsWith("simple/")) {
      return Optional.of(SIMPLE);
    }
    if (lower.equals("gpt2") || lower.equals("huggingface/gpt2") || lower.equals("openai/gpt2")) {
      return Optional.of(TiktokenTokenizer.of("r50k_base"));
    }
    for (String prefix : List.of("openai/", "tiktoken/")) {
      if (lower.startsWith(prefix)) {
        return TiktokenTokenizer.find(lower.substring(prefix.length())).map(t -> t);
      }
    }
    return Optional.empty();
  }

  /** The shared approximate tokenizer used when nothing exact is available. */
  public static SimpleTokenizer fallback() {
    return SIMPLE;
  }

  /** The tiktoken encoding of an OpenAI model id, if the model is known. */
  static Optional<String> openAiEncoding(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    int slash = m.lastIndexOf('/');
    if (slash >= 0) {
      m = m.substring(slash + 1);
    }
    if (m.startsWith("ft:")) {
      m = m.substring(3);
    }
    for (Map.Entry<String, String> e : OPENAI_MODELS) {
      if (m.startsWith(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
