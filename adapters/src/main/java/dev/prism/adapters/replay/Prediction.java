package dev.prism.adapters.replay;

import dev.prism.core.Completion;
import java.util.List;
import java.util.Objects;

/**
 * One line of a predictions JSONL file: the completions a model gave for one request.
 *
 * @param instanceId the instance id
 * @param perturbation perturbation name, or {@code null} for the original
 * @param trainTrialIndex in-context example draw, default 0
 * @param referenceIndex for per-reference formats, else {@code null}
 * @param requestMode {@code original}/{@code calibration}, else {@code null}
 * @param completions completions, at least one; copied
 * @param requestTimeSeconds optional original latency, {@code null} when absent
 */
public record Prediction(
    String instanceId,
    String perturbation,
    int trainTrialIndex,
    Integer referenceIndex,
    String requestMode,
    List<Completion> completions,
    Double requestTimeSeconds) {
  public Prediction {
    Objects.requireNonNull(instanceId, "instanceId");
    completions = List.copyOf(completions);
  }

  /** The lookup key of this prediction. */
  public Key key() {
    return new Key(instanceId, perturbation, trainTrialIndex, referenceIndex, requestMode);
  }

  /** Identifies the request a prediction answers. */
  public record Key(
      String instanceId,
      String perturbation,
      int trainTrialIndex,
      Integer referenceIndex,
      String requestMode) {}
}
