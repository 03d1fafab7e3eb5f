package dev.prism.core;

import java.util.List;
import java.util.Objects;

/**
 * How instances become prompts: HELM's {@code AdapterSpec}, with HELM's field meanings and defaults
 * ({@link #defaults()}). Build variants with {@link #toBuilder()}.
 *
 * <pre>{@code
 * PromptFormat mc = PromptFormat.defaults().toBuilder()
 *     .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
 *     .inputPrefix("Question: ").outputPrefix("Answer: ")
 *     .maxTokens(1).temperature(0).build();
 * }</pre>
 *
 * @param maxEvalInstances {@code null} evaluates every valid/test instance
 */
public record PromptFormat(
    PromptMethod method,
    String globalPrefix,
    String globalSuffix,
    String instructions,
    String inputPrefix,
    String inputSuffix,
    String referencePrefix,
    String referenceSuffix,
    String outputPrefix,
    String outputSuffix,
    String instancePrefix,
    int maxTrainInstances,
    Integer maxEvalInstances,
    int numOutputs,
    int numTrainTrials,
    boolean sampleTrain,
    double temperature,
    int maxTokens,
    List<String> stopSequences,
    boolean multiLabel) {

  public PromptFormat {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(globalPrefix, "globalPrefix");
    Objects.requireNonNull(globalSuffix, "globalSuffix");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(inputPrefix, "inputPrefix");
    Objects.requireNonNull(inputSuffix, "inputSuffix");
    Objects.requireNonNull(referencePrefix, "referencePrefix");
    Objects.requireNonNull(referenceSuffix, "referenceSuffix");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    Objects.requireNonNull(outputSuffix, "outputSuffix");
    Objects.requireNonNull(instancePrefix, "instancePrefix");
    stopSequences = List.copyOf(stopSequences);
    if (maxTrainInstances < 0 || numOutputs < 1 || numTrainTrials < 1 || maxTokens < 0) {
      throw new IllegalArgumentException(
          "maxTrainInstances and maxTokens must be >= 0, numOutputs and numTrainTrials >= 1");
    }
    if (maxEvalInstances != null && maxEvalInstances < 1) {
      throw new IllegalArgumentException("maxEvalInstances must be >= 1");
    }
  }

  /** HELM's {@code AdapterSpec()} defaults with method {@code generation}. */
  public static PromptFormat defaults() {
    return new Builder().build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder; starts from HELM's defaults. */
  public static final class Builder {
    private PromptMethod method = PromptMethod.GENERATION;
    private String globalPrefix = "";
    private String globalSuffix = "";
    private String instructions = "";
    private String inputPrefix = "Input: ";
    private String inputSuffix = "\n";
    private String referencePrefix = "A. ";
    private String referenceSuffix = "\n";
    private String outputPrefix = "Output: ";
    private String outputSuffix = "\n";
    private String instancePrefix = "\n";
    private int maxTrainInstances = 5;
    private Integer maxEvalInstances;
    private int numOutputs = 5;
    private int numTrainTrials = 1;
    private boolean sampleTrain = true;
    private double temperature = 1.0;
    private int maxTokens = 100;
    private List<String> stopSequences = List.of();
    private boolean multiLabel;

    public Builder() {}

    Builder(PromptFormat f) {
      method = f.method;
      globalPrefix = f.globalPrefix;
      globalSuffix = f.globalSuffix;
      instructions = f.instructions;
      inputPrefix = f.inputPrefix;
      inputSuffix = f.inputSuffix;
      referencePrefix = f.referencePrefix;
      referenceSuffix = f.referenceSuffix;
      outputPrefix = f.outputPrefix;
      outputSuffix = f.outputSuffix;
      instancePrefix = f.instancePrefix;
      maxTrainInstances = f.maxTrainInstances;
      maxEvalInstances = f.maxEvalInstances;
      numOutputs = f.numOutputs;
      numTrainTrials = f.numTrainTrials;
      sampleTrain = f.sampleTrain;
      temperature = f.temperature;
      maxTokens = f.maxTokens;
      stopSequences = f.stopSequences;
      multiLabel = f.multiLabel;
    }

    public Builder method(PromptMethod v) {
      method = v;
      return this;
    }

    public Builder globalPrefix(String v) {
      globalPrefix = v;
      return this;
    }

    public Builder globalSuffix(String v) {
      globalSuffix = v;
      return this;
    }

    public Builder instructions(String v) {
      instructions = v;
      return this;
    }

    public Builder inputPrefix(String v) {
      inputPrefix = v;
      return this;
    }

    public Builder inputSuffix(String v) {
      inputSuffix = v;
      return this;
    }

    public Builder referencePrefix(String v) {
      referencePrefix = v;
      return this;
    }

    public Builder referenceSuffix(String v) {
      referenceSuffix = v;
      return this;
    }

    public Builder outputPrefix(String v) {
      outputPrefix = v;
      return this;
    }

    public Builder outputSuffix(String v) {
      outputSuffix = v;
      return this;
    }

    public Builder instancePrefix(String v) {
      instancePrefix = v;
      return this;
    }

    public Builder maxTrainInstances(int v) {
      maxTrainInstances = v;
      return this;
    }

    public Builder maxEvalInstances(Integer v) {
      maxEvalInstances = v;
      return this;
    }

    public Builder numOutputs(int v) {
      numOutputs = v;
      return this;
    }

    public Builder numTrainTrials(int v) {
      numTrainTrials = v;
      return this;
    }

    public Builder sampleTrain(boolean v) {
      sampleTrain = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder maxTokens(int v) {
      maxTokens = v;
      return this;
    }

    public Builder stopSequences(List<String> v) {
      stopSequences = v;
      return this;
    }

    public Builder multiLabel(boolean v) {
      multiLabel = v;
      return this;
    }

    public PromptFormat build() {
      return new PromptFormat(
          method,
          globalPrefix,
          globalSuffix,
          instructions,
          inputPrefix,
          inputSuffix,
          referencePrefix,
          referenceSuffix,
          outputPrefix,
          outputSuffix,
          instancePrefix,
          maxTrainInstances,
          maxEvalInstances,
          numOutputs,
          numTrainTrials,
          sampleTrain,
          temperature,
          maxTokens,
          stopSequences,
          multiLabel);
    }
  }
}
