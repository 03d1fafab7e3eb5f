package dev.prism.scenarios.helm;

import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import java.util.List;

/**
 * HELM's adapter-spec builders ({@code common_adapter_specs.py}) as {@link PromptFormat}s.
 * Instructions get a trailing newline when not empty ({@code format_instructions}); a noun {@code
 * X} becomes the prefix {@code "X: "}.
 */
final class HelmFormats {
  /** HELM's basic exact-match metric names ({@code get_exact_match_metric_specs}). */
  static final List<String> EXACT_MATCH =
      List.of("exact_match", "quasi_exact_match", "prefix_exact_match", "quasi_prefix_exact_match");

  /** {@code get_f1_metric_specs}. */
  static final List<String> F1 = List.of("exact_match", "quasi_exact_match", "f1_score");

  /** {@code get_open_ended_generation_metric_specs}. */
  static final List<String> OPEN_ENDED =
      List.of("exact_match", "quasi_exact_match", "f1_score", "rouge_l", "bleu_1", "bleu_4");

  private HelmFormats() {}

  /** {@code names} followed by the bias family ({@code get_bias_metric_specs}). */
  static List<String> withBias(List<String> names) {
    return plus(names, "bias");
  }

  /**
   * {@code names} followed by classification macro/micro F1 ({@code
   * get_classification_metric_specs}).
   */
  static List<String> withClassification(List<String> names) {
    return plus(names, "classification_metrics");
  }

  private static List<String> plus(List<String> names, String more) {
    List<String> all = new java.util.ArrayList<>(names);
    all.add(more);
    return List.copyOf(all);
  }

  /**
   * {@code get_generation_adapter_spec(instructions, input_noun, output_noun, max_tokens)}: 5
   * examples, 1 output, temperature 0, stop at a newline.
   *
   * @param inputNoun {@code null} for no input prefix
   */
  static PromptFormat generation(
      String instructions, String inputNoun, String outputNoun, int maxTokens) {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.GENERATION)
        .instructions(instructions(instructions))
        .inputPrefix(prefix(inputNoun))
        .inputSuffix("\n")
        .outputPrefix(prefix(outputNoun))
        .outputSuffix("\n")
        .maxTrainInstances(5)
        .numOutputs(1)
        .maxTokens(maxTokens)
        .stopSequences(List.of("\n"))
        .temperature(0)
        .build();
  }

  /**
   * {@code get_completion_adapter_spec(temperature, max_tokens, stop_sequences)}: the prompt is the
   * input alone (no prefixes, suffixes or instructions), no examples, 1 output.
   */
  static PromptFormat completion(double temperature, int maxTokens, List<String> stops) {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.GENERATION)
        .inputPrefix("")
        .inputSuffix("")
        .outputPrefix("")
        .outputSuffix("")
        .maxTrainInstances(0)
        .numOutputs(1)
        .maxTokens(maxTokens)
        .stopSequences(stops)
        .temperature(temperature)
        .build();
  }

  /**
   * {@code get_multiple_choice_adapter_spec(method=multiple_choice_joint, instructions, input_noun,
   * output_noun)}: 5 examples, top-5 logprobs, 1 token, temperature 0.
   */
  static PromptFormat multipleChoiceJoint(
      String instructions, String inputNoun, String outputNoun) {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
        .instructions(instructions(instructions))
        .inputPrefix(prefix(inputNoun))
        .inputSuffix("\n")
        .outputPrefix(prefix(outputNoun))
        .outputSuffix("\n")
        .maxTrainInstances(5)
        .numOutputs(5)
        .maxTokens(1)
        .stopSequences(List.of("\n"))
        .temperature(0)
        .build();
  }

  private static String instructions(String text) {
    return text.isEmpty() ? "" : text + "\n";
  }

  private static String prefix(String noun) {
    return noun == null ? "" : noun + ": ";
  }
}
