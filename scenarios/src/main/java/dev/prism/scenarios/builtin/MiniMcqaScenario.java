package dev.prism.scenarios.builtin;

import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.io.InstanceJson;
import java.io.InputStream;
import java.util.List;

/**
 * {@code prism/mini_mcqa}: 25 general-knowledge multiple-choice questions with four options each (5
 * train, 20 test), written for Prism and shipped as a JSONL resource in HELM's Instance shape.
 * Prompted like HELM's MMLU ({@code get_multiple_choice_adapter_spec}, joint method). Takes no
 * arguments.
 */
public final class MiniMcqaScenario implements Scenario {
  static final String ID = "prism/mini_mcqa";
  static final String RESOURCE = "mini_mcqa.jsonl";

  /** Cheap; the resource is read in {@link #instances}. */
  public MiniMcqaScenario() {}

  @Override
  public String id() {
    return ID;
  }

  /** HELM's exact-match family for this kind of answer (helm-notes §1.8). */
  @Override
  public List<String> metrics() {
    return List.of(
        "exact_match", "quasi_exact_match", "prefix_exact_match", "quasi_prefix_exact_match");
  }

  @Override
  public String description() {
    return "25 general-knowledge multiple-choice questions (4 options), bundled";
  }

  @Override
  public List<Instance> instances(ScenarioContext context) {
    ScenarioArgs.checkKnown(ID, context.args(), List.of());
    InputStream in = MiniMcqaScenario.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
    }
    return InstanceJson.readJsonl(in, RESOURCE);
  }

  /**
   * HELM's {@code get_multiple_choice_adapter_spec(method=multiple_choice_joint, instructions=…,
   * input_noun="Question", output_noun="Answer")} as MMLU uses it; the instructions end in a
   * newline because HELM's {@code format_instructions} adds one.
   */
  @Override
  public PromptFormat promptFormat() {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
        .instructions("The following are multiple choice questions (with answers).\n")
        .inputPrefix("Question: ")
        .inputSuffix("\n")
        .outputPrefix("Answer: ")
        .outputSuffix("\n")
        .maxTrainInstances(5)
        .numOutputs(5)
        .temperature(0)
        .maxTokens(1)
        .stopSequences(List.of("\n"))
        .build();
  }

  @Override
  public String mainMetric() {
    return "exact_match";
  }
}
