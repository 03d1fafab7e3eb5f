package dev.prism.adapters;

import dev.prism.core.Deployment;
import dev.prism.core.ModelAdapter;
import java.util.Set;

/**
 * Implemented by a {@link ModelAdapter} that states what its deployments provide. The answer may
 * depend on the deployment's options (an OpenAI-compatible deployment on the chat API cannot echo
 * prompt log-probabilities; one on the completions API can), but never on the network: this must be
 * cheap and do no I/O.
 */
public interface DeclaresCapabilities {
  /** What {@code deployment}, served by this adapter, provides. */
  Set<Capability> capabilities(Deployment deployment);
}
