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
import java.util.function.IntFunction;

/**
 * Turns instances into requests as HELM's adapters do: eval instances are down-sampled, in-context
 * examples are chosen per train trial, and request states are made trial-major, eval instances in
 * order. Prompts are byte-identical to HELM's for the same instances and format. Per eval instance:
 *
 * <ul>
 *   <li>{@code generation}, {@code multiple_choice_joint}: one request;
 *   <li>{@code multiple_choice_separate_original}: one echo request per reference (mode {@code
 *       original}), its prompt ending with the reference;
 *   <li>{@code multiple_choice_separate_calibrated}: per reference, that request and then one whose
 *       prompt is instructions + input_prefix + "Answer:" + input_suffix + output_prefix +
 *       reference (mode {@code calibration}, no examples);
 *   <li>{@code ranking_binary}: one generation request per reference (mode {@code original}, as
 *       HELM's {@code BinaryRankingAdapter}), asking whether that passage answers the input; each
 *       in-context example contributes one block per reference, labelled Yes (correct) or No;
 *   <li>{@code language_modeling}: one echo request per token window of the input ({@link
 *       LanguageModelingPlanner}; needs a {@link TokenWindow});
 *   <li>{@code chat}: one request sending the instance's chat messages as they are ({@link
 *       ChatPlanner}; no prompt text, examples or fitting).
 * </ul>
 *
 * <p>Echo requests ask for no output ({@code max_tokens} 0, temperature 0, one completion, no stop
 * sequences), as HELM's adapters do whatever the format says; context-window fitting still counts
 * the format's {@code max_tokens}, as HELM's {@code _make_prompt_fit} does.
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
   * @throws dev.prism.core.PrismUserException for a joint format whose reference_prefix has no
   *     letter, or {@code chat} with an eval instance whose messages are missing or malformed
   * @throws IllegalArgumentException for {@code language_modeling}, which needs a tokenizer
   */
  public static List<RequestState> plan(
      List<Instance> instances, PromptFormat format, String deployment) {
    return build(instances, format, deployment, null);
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
    return plan(instances, format, deployment, TokenWindow.of(tokenizer, maxRequestLength));
  }

  /**
   * As {@link #plan(List, PromptFormat, String, PromptTokenizer, int)} with the limits and prefix
   * token of {@code window}: prompts are fitted into {@link TokenWindow#maxRequestLength()}, and
   * {@code language_modeling} documents are cut into windows as {@link LanguageModelingPlanner}
   * describes.
   */
  public static List<RequestState> plan(
      List<Instance> instances, PromptFormat format, String deployment, TokenWindow window) {
    return build(instances, format, deployment, Objects.requireNonNull(window, "window"));
  }

  /** A prompt after fitting, with the examples it kept. */
  private record Fitted(String prompt, int numTrainInstances, boolean truncated) {}

  /** The states; {@code window} is {@code null} for no fitting. */
  private static List<RequestState> build(
      List<Instance> instances, PromptFormat format, String deployment, TokenWindow window) {
    Objects.requireNonNull(deployment, "deployment");
    if (format.method() == PromptMethod.LANGUAGE_MODELING) {
      if (window == null) {
        throw new IllegalArgumentException(
            "language_modeling cuts documents into token windows and needs a tokenizer");
      }
      return LanguageModelingPlanner.plan(
          selectEvalInstances(instances, format.maxEvalInstances()), format, deployment, window);
    }
    if (format.method() == PromptMethod.CHAT) {
      return ChatPlanner.plan(
          selectEvalInstances(instances, format.maxEvalInstances()), format, deployment);
    }
    PromptBuilder builder = new PromptBuilder(format);
    boolean separate = isSeparate(format.method());
    boolean calibrated = format.method() == PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED;
    boolean ranking = format.method() == PromptMethod.RANKING_BINARY;
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
      IntFunction<String> head =
          k -> {
            if (heads[k] == null) {
              heads[k] = builder.head(examples.subList(0, k));
            }
            return heads[k];
          };
      for (Instance instance : eval) {
        if (ranking) {
          for (int ref = 0; ref < instance.references().size(); ref++) {
            int r = ref;
            Fitted fitted =
                fit(
                    k -> builder.rankingPrompt(head.apply(k), instance, r),
                    examples.size(),
                    format,
                    window);
            states.add(
                state(
                    instance,
                    trial,
                    r,
                    ORIGINAL,
                    request(format, deployment, fitted.prompt()),
                    Map.of(),
                    fitted));
          }
          continue;
        }
        if (!separate) {
          Fitted fitted =
              fit(k -> builder.prompt(head.apply(k), instance), examples.size(), format, window);
          states.add(
              state(
                  instance,
                  trial,
                  null,
                  null,
                  request(format, deployment, fitted.prompt()),
                  builder.outputMapping(instance),
                  fitted));
          continue;
        }
        // HELM's MultipleChoiceSeparateAdapter / MultipleChoiceCalibratedAdapter: per reference,
        // the prompt ending with that reference, then (calibrated) the same reference after
        // "Answer:" with no examples, the unconditional probability to divide by.
        Instance answerOnly =
            new Instance(
                instance.id(),
                CALIBRATION_INPUT,
                instance.references(),
                instance.split(),
                instance.subSplit(),
                instance.perturbation());
        for (int ref = 0; ref < instance.references().size(); ref++) {
          int r = ref;
          Fitted original =
              fit(
                  k -> builder.referencePrompt(head.apply(k), instance, r),
                  examples.size(),
                  format,
                  window);
          states.add(
              state(
                  instance,
                  trial,
                  r,
                  ORIGINAL,
                  echo(deployment, original.prompt()),
                  Map.of(),
                  original));
          if (calibrated) {
            Fitted calibration =
                fit(k -> builder.referencePrompt(head.apply(0), answerOnly, r), 0, format, window);
            states.add(
                state(
                    instance,
                    trial,
                    r,
                    CALIBRATION,
                    echo(deployment, calibration.prompt()),
                    Map.of(),
                    calibration));
          }
        }
      }
    }
    return List.copyOf(states);
  }

  /** HELM's request mode of separate multiple choice and binary ranking. */
  public static final String ORIGINAL = "original";

  /** HELM's request mode of the answer-only prompt of calibrated separate multiple choice. */
  public static final String CALIBRATION = "calibration";

  /** The input of the calibration prompt (HELM's {@code Input(text="Answer:")}). */
  static final String CALIBRATION_INPUT = "Answer:";

  /** Whether {@code method} scores each reference with its own request. */
  public static boolean isSeparate(PromptMethod method) {
    return method == PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL
        || method == PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED;
  }

  private static RequestState state(
      Instance instance,
      int trial,
      Integer referenceIndex,
      String mode,
      Request request,
      Map<String, String> outputMapping,
      Fitted fitted) {
    return new RequestState(
        instance,
        trial,
        referenceIndex,
        mode,
        request,
        outputMapping,
        fitted.numTrainInstances(),
        fitted.truncated());
  }

  /**
   * HELM's {@code _make_prompt_fit} over the prompts {@code promptWith(k)} with the first {@code k}
   * examples: while {@code count(prompt) + maxTokens > maxRequestLength} the last example is
   * dropped; with none left the text is cut from the right. Without a window, the prompt with all
   * {@code examples} examples.
   */
  private static Fitted fit(
      IntFunction<String> promptWith, int examples, PromptFormat format, TokenWindow window) {
    int k = examples;
    String prompt = promptWith.apply(k);
    if (window == null) {
      return new Fitted(prompt, k, false);
    }
    int maxTokens = format.maxTokens();
    while (k > 0) {
      if (window.tokenizer().count(prompt) + maxTokens <= window.maxRequestLength()) {
        return new Fitted(prompt, k, false);
      }
      k--;
      prompt = promptWith.apply(k);
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

  /**
   * HELM's per-reference request: the prompt echoed with its token log-probabilities, nothing
   * generated (temperature 0, one completion, max_tokens 0, no stop sequences).
   */
  private static Request echo(String deployment, String prompt) {
    return new Request(deployment, prompt, 0, 1, 1, 0, List.of(), true, null);
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
