package dev.prism.core;

import java.util.List;

/**
 * Produces the {@link Instance}s of one benchmark. Implementations are discovered with {@link
 * java.util.ServiceLoader} (declare them in {@code META-INF/services/dev.prism.core.Scenario}).
 *
 * <p>Lifecycle: the constructor must be public, take no arguments and do no I/O, so that listing
 * scenarios is cheap; data is read in {@link #instances}. Instances of a scenario may be called
 * from several threads, so keep them stateless.
 *
 * <pre>{@code
 * public final class Tiny implements Scenario {
 *   public String id() { return "acme/tiny"; }
 *   public String description() { return "Two arithmetic questions"; }
 *   public List<Instance> instances(ScenarioContext ctx) {
 *     return List.of(Instance.of("id0", "1+1=", List.of(Reference.correct("2")), Split.TEST));
 *   }
 * }
 * }</pre>
 */
public interface Scenario {
  /** Stable id, {@code namespace/name}. */
  String id();

  /** One line for {@code prism list scenarios}. */
  String description();

  /**
   * All instances (train, valid and test) in a deterministic order.
   *
   * @throws PrismUserException when data is missing or malformed, naming the file and line
   */
  List<Instance> instances(ScenarioContext context);

  /** The prompt format runs use unless the run entry overrides it. */
  default PromptFormat promptFormat() {
    return PromptFormat.defaults();
  }

  /**
   * The prompt format for these scenario arguments (e.g. MMLU's instructions name the subject); by
   * default {@link #promptFormat()}.
   *
   * @throws PrismUserException for arguments the scenario rejects
   */
  default PromptFormat promptFormat(java.util.Map<String, String> args) {
    return promptFormat();
  }

  /**
   * The prompt format for a run, for scenarios whose prompt depends on downloaded data (HELM's RAFT
   * reads its instructions from a data file); by default {@link #promptFormat(java.util.Map)} with
   * the context's arguments.
   *
   * @throws PrismUserException for arguments the scenario rejects, or data it needs that is missing
   */
  default PromptFormat promptFormat(ScenarioContext context) {
    return promptFormat(context.args());
  }

  /** Metric family or metric names computed by default. */
  default List<String> metrics() {
    return List.of("accuracy");
  }

  /**
   * The metrics for these scenario arguments (MS MARCO's ranking measures depend on its track); by
   * default {@link #metrics()}.
   *
   * @throws PrismUserException for arguments the scenario rejects
   */
  default List<String> metrics(java.util.Map<String, String> args) {
    return metrics();
  }

  /** The stat shown in the leaderboard for this scenario. */
  default String mainMetric() {
    return "exact_match";
  }

  /**
   * The stat shown in the leaderboard for a run with these arguments (e.g. a track with its own
   * measure); by default {@link #mainMetric()}.
   */
  default String mainMetric(java.util.Map<String, String> args) {
    return mainMetric();
  }
}
