package dev.prism.adapters.simple;

import dev.prism.adapters.Capability;
import dev.prism.adapters.DeclaresCapabilities;
import dev.prism.core.Completion;
import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import dev.prism.core.ModelClient;
import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Offline baseline models (HELM's {@code simple/*} counterparts) that need no network, key or GPU.
 * They exist so a fresh clone can run the whole pipeline and so tests have deterministic models;
 * their scores are those of the rule they implement, nothing more.
 *
 * <ul>
 *   <li>{@code echo}: repeats the last line of the eval input.
 *   <li>{@code random}: a uniform guess, seeded by the prompt: a random option letter for
 *       multiple-choice prompts, a random word of the input otherwise.
 *   <li>{@code calculator}: evaluates the last integer arithmetic expression in the input; answers
 *       the first option for multiple-choice prompts.
 * </ul>
 */
public final class SimpleAdapter implements ModelAdapter, DeclaresCapabilities {
  private static final Map<String, Function<RequestState, Completion>> MODELS =
      Map.of(
          "echo", SimpleModels::echo,
          "random", SimpleModels::random,
          "calculator", SimpleModels::calculator);

  @Override
  public String kind() {
    return "simple";
  }

  @Override
  public String description() {
    return "Offline rule-based baselines: echo, random, calculator";
  }

  @Override
  public Set<Capability> capabilities(Deployment deployment) {
    return EnumSet.of(
        Capability.TEXT_COMPLETION, Capability.LOGPROBS, Capability.MULTIPLE_COMPLETIONS);
  }

  /** The model names this adapter serves, sorted. */
  public static List<String> models() {
    List<String> names = new ArrayList<>(MODELS.keySet());
    names.sort(null);
    return names;
  }

  @Override
  public ModelClient connect(Deployment deployment) {
    Function<RequestState, Completion> model = MODELS.get(deployment.model());
    if (model == null) {
      throw new PrismUserException(
          "unknown simple model '" + deployment.model() + "' in deployment " + deployment.name(),
          Names.didYouMean(deployment.model(), MODELS.keySet(), "prism list models"));
    }
    return state -> {
      long start = System.nanoTime();
      List<Completion> completions = new ArrayList<>();
      for (int i = 0; i < state.request().numCompletions(); i++) {
        completions.add(model.apply(state));
      }
      return RequestResult.success(completions, (System.nanoTime() - start) / 1e9);
    };
  }

  /** A completion of one token with the given probability. */
  static Completion single(String text, double probability) {
    double lp = Math.log(probability);
    return new Completion(text, lp, List.of(new Token(text, lp)), "stop");
  }
}
