package dev.prism.scenarios.prompt;

import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Request;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.scenarios.random.NumpyLegacyRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns instances into requests as HELM's adapters do (methods {@code generation} and {@code
 * multiple_choice_joint}): eval instances are down-sampled, in-context examples are chosen per
 * train trial, and one {@link RequestState} is made per (trial, eval instance), trial-major, eval
 * instances in order. Prompts are byte-identical to HELM's for the same instances and format.
 *
 * <pre>{@code
 * List<RequestState> states =
 *     RequestPlanner.plan(scenario.instances(ctx), scenario.promptFormat(), "openai/gpt-4o-mini");
 * }</pre>
 *
 * <p>The three-argument {@link #plan(List, PromptFormat, String)} does no context-window fitting:
 * every state has {@code numTrainInstances} = the examples chosen and {@code promptTruncated =
 * false}. The five-argument {@link #plan(List, PromptFormat, String, PromptTokenizer, int)} fits
 * each prompt into the window as HELM's {@code _make_prompt_fit} does. Stateless and thread-safe.
 */
public final class RequestPlanner {
  private RequestPlanner() {}

  /**
   * The request states for {@code instances} (train instances are used as in-context examples only;
   * valid and test instances are evaluated).
   *
   * @throws dev.prism.core.PrismUserException for a method other than generation or joint multiple
   *     choice, or a joint format whose reference_prefix has no letter
   */
  public static List<RequestState> plan(
      List<Instance> instances, PromptFormat format, String deployment) {
    return plan(instances, format, deployment, null);
  }

  /**
   * As {@link #plan(List, PromptFormat, String)}, then fits each prompt into the context window as
   * HELM's {@code _make_prompt_fit}: while {@code count(prompt) + maxTokens > maxRequestLength},
   * the LAST in-context example is dropped and the prompt rebuilt; with no example left, the prompt
   * is cut from the right to {@code maxRequestLength - maxTokens} tokens. Each state records the
   * examples left in its prompt ({@code numTrainInstances}) and whether the text was cut ({@code
   * promptTruncated}: the cut text is shorter than the prompt). Examples are dropped per eval
   * instance, so instances of one trial may keep different numbers of examples.
   *
   * @param tokenizer the deployment's tokenizer
   * @param maxRequestLength most tokens of prompt plus completion (HELM's {@code
   *     max_request_length}, usually the context window)
   * @throws IllegalArgumentException when {@code maxRequestLength < 1}
   * @throws dev.prism.core.PrismUserException as the three-argument plan
   */
  public static List<RequestState> plan(
      List<Instance> instances,
      PromptFormat format,
      String deployment,
      PromptTokenizer tokenizer,
      int maxRequestLength) {
    Objects.requireNonNull(tokenizer, "tokenizer");
    if (maxRequestLength < 1) {
      throw new IllegalArgumentException("maxRequestLength must be >= 1, got " + maxRequestLength);
    }
    return plan(instances, format, deployment, new Window(tokenizer, maxRequestLength));
  }

  /** The tokenizer and token limit to fit prompts into. */
  private record Window(PromptTokenizer tokenizer, int maxRequestLength) {}

  /** A prompt after fitting, with the examples it kept. */
  private record Fitted(String prompt, int numTrainInstances, boolean truncated) {}

  private static List<RequestState> plan(
      List<Instance> instances, PromptFormat format, String deployment, Window window) {
    Objects.requireNonNull(deployment, "deployment");
    PromptBuilder builder = new PromptBuilder(format);
    List<Instance> train = instances.stream().filter(i -> i.split() == Split.TRAIN).toList();
    List<Instance> eval = selectEvalInstances(instances, format.maxEvalInstances());
    // HELM's runner forces one trial when there are no examples: all trials would be equal.
    int trials = format.maxTrainInstances() == 0 ? 1 : format.numTrainTrials();
    List<RequestState> states = new ArrayList<>(trials * eval.size());
    for (int trial = 0; trial < trials; trial++) {
      List<Instance> examples =
          InContextSampler.sample(train, format.maxTrainInstances(), trial, format.sampleTrain());
      // heads[k]: the prompt head with the first k examples; built once per trial when needed.
      String[] heads = new String[examples.size() + 1];
      heads[examples.size()] = builder.head(examples);
      for (Instance instance : eval) {
        Fitted fitted =
            window == null
                ? new Fitted(
                    builder.prompt(heads[examples.size()], instance), examples.size(), false)
                : fit(builder, examples, heads, instance, format.maxTokens(), window);
        Request request = request(format, deployment, fitted.prompt());
        states.add(
            new RequestState(
                instance,
                trial,
                null,
                null,
                request,
                builder.outputMapping(instance),
                fitted.numTrainInstances(),
                fitted.truncated()));
      }
    }
    return List.copyOf(states);
  }

  /** HELM's {@code _make_prompt_fit}. */
  private static Fitted fit(
      PromptBuilder builder,
      List<Instance> examples,
      String[] heads,
      Instance instance,
      int maxTokens,
      Window window) {
    int k = examples.size();
    String prompt = builder.prompt(heads[k], instance);
    while (k > 0) {
      if (window.tokenizer().count(prompt) + maxTokens <= window.maxRequestLength()) {
        return new Fitted(prompt, k, false);
      }
      k--;
      if (heads[k] == null) {
        heads[k] = builder.head(examples.subList(0, k));
      }
      prompt = builder.prompt(heads[k], instance);
    }
    // HELM truncates whenever no example is left, and reports it only if the text got shorter.
    String cut = window.tokenizer().truncate(prompt, window.maxRequestLength() - maxTokens);
    return new Fitted(cut, 0, cut.length() < prompt.length());
  }

  /**
   * The valid and test instances to evaluate, as HELM's {@code downsample_eval_instances} picks
   * them: all, in order, when there are at most {@code maxEvalInstances}; otherwise {@code
   * np.random.seed(0); np.random.choice(eval, max, replace=False)}, in the order chosen.
   *
   * <p>Perturbed copies (same id as their original, HELM adds them after down-sampling) are kept
   * with their original: the draw is over distinct (id, split) pairs, so the same originals are
   * chosen as in HELM and each is followed by its copies.
   *
   * @param maxEvalInstances {@code null} keeps every eval instance
   */
  public static List<Instance> selectEvalInstances(
      List<Instance> instances, Integer maxEvalInstances) {
    Map<List<Object>, List<Instance>> groups = new LinkedHashMap<>();
    for (Instance instance : instances) {
      if (instance.split().isEval()) {
        groups
            .computeIfAbsent(List.of(instance.id(), instance.split()), k -> new ArrayList<>())
            .add(instance);
      }
    }
    List<List<Instance>> all = new ArrayList<>(groups.values());
    List<Instance> result = new ArrayList<>();
    if (maxEvalInstances == null || all.size() <= maxEvalInstances) {
      instances.stream().filter(i -> i.split().isEval()).forEach(result::add);
      return List.copyOf(result);
    }
    for (int index :
        new NumpyLegacyRandom(0).choiceWithoutReplacement(all.size(), maxEvalInstances)) {
      result.addAll(all.get(index));
    }
    return List.copyOf(result);
  }

  private static Request request(PromptFormat format, String deployment, String prompt) {
    if (format.method() == PromptMethod.MULTIPLE_CHOICE_JOINT) {
      // HELM: one completion, the top num_outputs letters, and no stop sequences.
      return new Request(
          deployment,
          prompt,
          format.temperature(),
          1,
          format.numOutputs(),
          format.maxTokens(),
          List.of(),
          false,
          null);
    }
    return new Request(
        deployment,
        prompt,
        format.temperature(),
        format.numOutputs(),
        1,
        format.maxTokens(),
        format.stopSequences(),
        false,
        null);
  }
}
