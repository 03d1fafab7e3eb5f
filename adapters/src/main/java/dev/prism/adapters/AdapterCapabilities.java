package dev.prism.adapters;

import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Queries what a deployment provides, so the runner can match a prompt format against it (G4): for
 * example, multiple-choice scoring by prompt log-probabilities needs {@link
 * Capability#PROMPT_LOGPROBS}; on a chat-only deployment the runner falls back to joint multiple
 * choice and records that it did.
 *
 * <p>An adapter that does not implement {@link DeclaresCapabilities} (a third-party plugin) is
 * assumed to provide {@link #ASSUMED_FOR_UNDECLARED}: plain text completion and nothing more.
 */
public final class AdapterCapabilities {
  /** What an adapter that declares nothing is assumed to provide. */
  public static final Set<Capability> ASSUMED_FOR_UNDECLARED =
      Set.copyOf(EnumSet.of(Capability.TEXT_COMPLETION));

  private AdapterCapabilities() {}

  /** What {@code deployment} provides, using the adapters on this class's class path. */
  public static Set<Capability> of(Deployment deployment) {
    return of(deployment, Holder.DEFAULT);
  }

  /**
   * What {@code deployment} provides, using {@code registry}'s adapter of its kind; empty when no
   * adapter of that kind is installed.
   */
  public static Set<Capability> of(Deployment deployment, AdapterRegistry registry) {
    Optional<ModelAdapter> adapter = registry.find(deployment.adapter());
    if (adapter.isEmpty()) {
      return Set.of();
    }
    if (adapter.get() instanceof DeclaresCapabilities declares) {
      Set<Capability> declared = declares.capabilities(deployment);
      return declared.isEmpty()
          ? Set.of()
          : Set.copyOf(EnumSet.copyOf(declared)); // immutable, no nulls
    }
    return ASSUMED_FOR_UNDECLARED;
  }

  /** Whether the deployment is chat-only: it has {@code CHAT} but not {@code TEXT_COMPLETION}. */
  public static boolean isChatOnly(Set<Capability> provided) {
    return provided.contains(Capability.CHAT) && !provided.contains(Capability.TEXT_COMPLETION);
  }

  /**
   * Why {@code deployment} cannot serve something that needs {@code required}, or empty when it
   * can. The message names the deployment, its adapter, what is missing and what it does provide,
   * e.g. {@code "model 'local/llama' (adapter openai-compatible) does not provide PROMPT_LOGPROBS;
   * it provides [CHAT, LOGPROBS]"}.
   */
  public static Optional<String> missing(
      Deployment deployment, Set<Capability> provided, Collection<Capability> required) {
    EnumSet<Capability> lacking = EnumSet.noneOf(Capability.class);
    lacking.addAll(required);
    lacking.removeAll(provided);
    if (lacking.isEmpty()) {
      return Optional.empty();
    }
    EnumSet<Capability> has = EnumSet.noneOf(Capability.class);
    has.addAll(provided);
    return Optional.of(
        "model '"
            + deployment.name()
            + "' (adapter "
            + deployment.adapter()
            + ") does not provide "
            + String.join(", ", lacking.stream().map(Enum::name).toList())
            + "; it provides "
            + has);
  }

  private static final class Holder {
    static final AdapterRegistry DEFAULT = AdapterRegistry.load();
  }
}
