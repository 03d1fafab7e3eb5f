package dev.prism.core;

import java.util.Map;
import java.util.Objects;

/**
 * A named model endpoint.
 *
 * @param name deployment name, {@code org/name}
 * @param adapter the {@link ModelAdapter#kind()} that talks to it
 * @param model the backend's model id (may equal the name)
 * @param contextWindow maximum tokens of prompt plus output
 * @param options adapter-specific settings (base URL, predictions file, …); copied
 */
public record Deployment(
    String name, String adapter, String model, int contextWindow, Map<String, String> options) {
  public Deployment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(model, "model");
    options = Map.copyOf(options);
  }
}
