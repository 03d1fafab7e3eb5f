package dev.prism.adapters;

import dev.prism.adapters.replay.ReplayAdapter;
import dev.prism.adapters.simple.SimpleAdapter;
import dev.prism.core.Deployment;
import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Named deployments ({@code org/name}) that run entries can refer to with {@code model=}. */
public final class DeploymentCatalog {
  private static final int SIMPLE_CONTEXT_WINDOW = 1_000_000;
  private final TreeMap<String, Deployment> byName = new TreeMap<>();

  private DeploymentCatalog() {}

  /** The built-in offline deployments: {@code simple/echo}, {@code simple/random}, … */
  public static DeploymentCatalog builtIn() {
    DeploymentCatalog catalog = new DeploymentCatalog();
    for (String model : SimpleAdapter.models()) {
      catalog.byName.put(
          "simple/" + model,
          new Deployment("simple/" + model, "simple", model, SIMPLE_CONTEXT_WINDOW, Map.of()));
    }
    return catalog;
  }

  /** A deployment that replays a predictions file. */
  public static Deployment replay(String name, Path predictions) {
    return new Deployment(
        name,
        "replay",
        name,
        SIMPLE_CONTEXT_WINDOW,
        Map.of(ReplayAdapter.PREDICTIONS_OPTION, predictions.toString()));
  }

  /** All deployments, sorted by name. */
  public List<Deployment> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The deployment with this name.
   *
   * @throws PrismUserException with a did-you-mean hint when unknown
   */
  public Deployment resolve(String name) {
    Deployment d = byName.get(name);
    if (d == null) {
      String hint = Names.didYouMean(name, byName.keySet(), "prism list models");
      if (!name.contains("/")) {
        hint = "Deployments are named org/name. " + hint;
      }
      throw new PrismUserException("unknown model deployment '" + name + "'", hint);
    }
    return d;
  }
}
