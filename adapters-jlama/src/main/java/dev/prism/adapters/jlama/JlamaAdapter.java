package dev.prism.adapters.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a local Hugging Face model folder (config.json, tokenizer.json, *.safetensors) in this JVM
 * with Jlama (kind {@code jlama}). Options: {@code model_path} (the folder, required; in
 * models.yaml a relative path is resolved against the folder of that file) and {@code seed} (a
 * whole number, default 0, for sampling at temperature above 0).
 *
 * <p>Raw text completion with the log-probability of every generated token and its most likely
 * alternatives, echoed prompts with prompt log-probabilities, stop sequences and several
 * completions per request. Log-probabilities are the log-softmax of the model's logits, so they do
 * not depend on the temperature. CPU only; requests run one at a time per deployment.
 */
public final class JlamaAdapter implements ModelAdapter, DeclaresCapabilities {
  /** The option naming the model folder. */
  public static final String MODEL_PATH = DeploymentOptions.MODEL_PATH;

  /** The option holding the sampling seed. */
  public static final String SEED = "seed";

  /**
   * Jlama's switch to its Vector API operations. jlama-native 0.8.4 computed every output logit as
   * 0 for a small F32 LLaMA (x86-64, AVX-512) while the Vector API code gave the right values, so
   * the adapter uses the latter unless the user sets this property.
   */
  static final String FORCE_PANAMA = "jlama.force_panama_tensor_operations";

  @Override
  public String kind() {
    return "jlama";
  }

  @Override
  public String description() {
    return "In-process Jlama: a local safetensors model folder (option model_path), with logprobs";
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    return EnumSet.of(
        Capability.TEXT_COMPLETION,
        Capability.LOGPROBS,
        Capability.TOP_LOGPROBS,
        Capability.PROMPT_LOGPROBS,
        Capability.MULTIPLE_COMPLETIONS,
        Capability.STOP_SEQUENCES);
  }

  @Override
  public ModelClient connect(Deployment d) {
    String who = "jlama deployment '" + d.name() + "'";
    Path dir = modelFolder(d, who);
    long seed = seed(d, who);
    if (System.getProperty(FORCE_PANAMA) == null) {
      System.setProperty(FORCE_PANAMA, "true");
    }
    AbstractModel model;
    try {
      // F32 working memory; I8 only for the activations Jlama quantizes on the fly.
      model = ModelSupport.loadModel(dir.toFile(), DType.F32, DType.I8);
    } catch (RuntimeException e) {
      throw new PrismUserException(
          who + ": Jlama could not load the model in " + dir + ": " + e,
          "Check that the folder holds a model Jlama supports (LLaMA, Mistral, Qwen2, Gemma, GPT-2)");
    }
    return new JlamaClient(d, who, model, seed);
  }

  private static Path modelFolder(Deployment d, String who) {
    Optional<String> option = DeploymentOptions.string(d, MODEL_PATH);
    if (option.isEmpty()) {
      throw new PrismUserException(
          who + " has no option '" + MODEL_PATH + "'",
          "Add model_path: /path/to/model-folder to the deployment in models.yaml");
    }
    Path dir = Path.of(option.get()).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)
        || !Files.isRegularFile(dir.resolve("config.json"))
        || !Files.isRegularFile(dir.resolve("tokenizer.json"))
        || !hasSafetensors(dir)) {
      throw new PrismUserException(
          who
              + ": model_path '"
              + option.get()
              + "' is not a folder with config.json, tokenizer.json and *.safetensors",
          "Point model_path at a local Hugging Face model folder in safetensors format");
    }
    return dir;
  }

  private static boolean hasSafetensors(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".safetensors"));
    } catch (IOException e) {
      return false;
    }
  }

  private static long seed(Deployment d, String who) {
    Optional<String> v = DeploymentOptions.string(d, SEED);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v.get());
    } catch (NumberFormatException e) {
      throw new PrismUserException(
          who + ": option '" + SEED + "' is '" + v.get() + "'", "Set it to a whole number");
    }
  }
}
