package dev.prism.metrics;

import dev.prism.core.Completion;
import dev.prism.core.ErrorKind;
import dev.prism.core.Instance;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.metrics.code.PythonSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Builders for request outcomes in tests. */
public final class Fixtures {
  private static final Map<List<Object>, PythonSandbox.Availability> SANDBOXES =
      new ConcurrentHashMap<>();

  private Fixtures() {}

  /** A test instance with one correct reference. */
  public static Instance instance(String id, String gold) {
    return Instance.of(id, "Q?", List.of(Reference.correct(gold)), Split.TEST);
  }

  /** An instance with full context. */
  public static Instance instance(
      String id,
      List<Reference> references,
      Split split,
      String subSplit,
      PerturbationDescription perturbation) {
    return new Instance(id, "Q?", references, split, subSplit, perturbation);
  }

  /** A request for {@code numCompletions} completions. */
  public static Request request(int numCompletions) {
    return new Request("test/model", "Q?", 0.0, numCompletions, 1, 5, List.of(), false, null);
  }

  /** A successful outcome with one completion per text, log-probabilities 0. */
  public static RequestOutcome outcome(Instance instance, String... texts) {
    List<Completion> completions = new ArrayList<>();
    for (String text : texts) {
      completions.add(Completion.ofText(text));
    }
    return outcome(instance, completions);
  }

  /** A successful outcome asking for as many completions as given. */
  public static RequestOutcome outcome(Instance instance, List<Completion> completions) {
    return new RequestOutcome(
        state(instance, 0, completions.size(), Map.of(), 0, false),
        RequestResult.success(completions, 0.1));
  }

  /** A failed outcome for one completion. */
  public static RequestOutcome failed(Instance instance) {
    return new RequestOutcome(
        state(instance, 0, 1, Map.of(), 0, false),
        RequestResult.failure(ErrorKind.FATAL, "boom", 0.1));
  }

  /** A request state with the given details. */
  public static RequestState state(
      Instance instance,
      int trainTrialIndex,
      int numCompletions,
      Map<String, String> outputMapping,
      int numTrainInstances,
      boolean promptTruncated) {
    return new RequestState(
        instance,
        trainTrialIndex,
        null,
        null,
        request(numCompletions),
        outputMapping,
        numTrainInstances,
        promptTruncated);
  }

  /**
   * The Python sandbox for {@code searchPath}; skips the calling test only when python3 is not
   * there at all (a python3 that is there but does not work fails it).
   */
  public static PythonSandbox sandbox(String searchPath, PythonSandbox.Limits limits) {
    String path = Objects.requireNonNullElse(searchPath, "");
    // Detection starts python3 twice; tests share the result per PATH and limits.
    PythonSandbox.Availability found =
        SANDBOXES.computeIfAbsent(List.of(path, limits), k -> PythonSandbox.detect(path, limits));
    Assumptions.assumeTrue(
        found.sandbox() != null || !found.problem().startsWith("python3 was not found"),
        "python3 is not on PATH; skipped");
    Assertions.assertThat(found.problem()).isNull();
    return found.sandbox();
  }

  /** A completion with a log-probability. */
  public static Completion completion(String text, double logprob) {
    return new Completion(text, logprob, List.of(), "stop");
  }
}
