package dev.prism.core;

import java.util.Map;
import java.util.Objects;

/**
 * A request together with where it came from, HELM's {@code RequestState} (without the result).
 *
 * @param instance the evaluated instance (possibly a perturbed copy)
 * @param trainTrialIndex index of the in-context example draw
 * @param referenceIndex for per-reference prompt formats, the reference scored; else {@code null}
 * @param requestMode {@code original} or {@code calibration} for separate multiple choice; else
 *     {@code null}
 * @param request the model call
 * @param outputMapping for joint multiple choice, letter → reference text; else empty; copied
 * @param numTrainInstances in-context examples actually in the prompt
 * @param promptTruncated whether the prompt was cut to fit the context window
 * @param numConditioningTokens for language modelling, the leading echoed prompt tokens that only
 *     condition the model and are not scored (HELM's {@code num_conditioning_tokens}); else 0
 */
public record RequestState(
    Instance instance,
    int trainTrialIndex,
    Integer referenceIndex,
    String requestMode,
    Request request,
    Map<String, String> outputMapping,
    int numTrainInstances,
    boolean promptTruncated,
    int numConditioningTokens) {
  public RequestState {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(request, "request");
    outputMapping = Map.copyOf(outputMapping);
    if (numConditioningTokens < 0) {
      throw new IllegalArgumentException("numConditioningTokens must be >= 0");
    }
  }

  /** A request state without conditioning tokens (every method but language modelling). */
  public RequestState(
      Instance instance,
      int trainTrialIndex,
      Integer referenceIndex,
      String requestMode,
      Request request,
      Map<String, String> outputMapping,
      int numTrainInstances,
      boolean promptTruncated) {
    this(
        instance,
        trainTrialIndex,
        referenceIndex,
        requestMode,
        request,
        outputMapping,
        numTrainInstances,
        promptTruncated,
        0);
  }
}
