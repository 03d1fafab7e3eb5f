package dev.prism.core;

/**
 * Talks to one kind of model backend. Discovered with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/dev.prism.core.ModelAdapter}); the constructor must be public, take no
 * arguments and do no I/O.
 *
 * <pre>{@code
 * public final class Constant implements ModelAdapter {
 *   public String kind() { return "constant"; }
 *   public String description() { return "Always answers 42"; }
 *   public ModelClient connect(Deployment d) {
 *     return state -> RequestResult.success(List.of(Completion.ofText("42")), 0);
 *   }
 * }
 * }</pre>
 */
public interface ModelAdapter {
  /** The adapter kind named by deployments, e.g. {@code echo} or {@code openai}. */
  String kind();

  /** One line for {@code prism list models}. */
  String description();

  /**
   * Opens a client for a deployment of this kind.
   *
   * @throws PrismUserException when the deployment's settings are unusable (missing file, key)
   */
  ModelClient connect(Deployment deployment);
}
