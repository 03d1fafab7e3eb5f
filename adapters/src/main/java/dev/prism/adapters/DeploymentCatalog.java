package dev.prism.adapters;

import dev.prism.adapters.replay.ReplayAdapter;
import dev.prism.adapters.simple.SimpleAdapter;
import dev.prism.core.Deployment;
import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named deployments ({@code org/name}) that run entries can refer to with {@code model=}: the
 * offline {@code simple/*} models, the built-in catalogue resource {@code
 * dev/prism/adapters/deployments.yaml} (common OpenAI, Anthropic, Gemini, vLLM and Ollama
 * deployments), and any {@code models.yaml} the user gives (see {@link #load(Path)}), whose entries
 * replace built-ins of the same name. Catalogue facts beyond {@link Deployment}'s fields
 * (tokenizer, prices, limits) travel as options; read them with {@link DeploymentSettings}.
 */
public final class DeploymentCatalog {
  private static final int SIMPLE_CONTEXT_WINDOW = 1_000_000;
  private final TreeMap<String, Deployment> byName = new TreeMap<>();

  private DeploymentCatalog() {}

  /** The resource holding the built-in catalogue. */
  public static final String BUILT_IN_RESOURCE = "/dev/prism/adapters/deployments.yaml";

  /**
   * The built-in deployments: the offline {@code simple/echo}, {@code simple/random}, … and the
   * catalogue resource {@link #BUILT_IN_RESOURCE}.
   */
  public static DeploymentCatalog builtIn() {
    DeploymentCatalog catalog = offline();
    try (InputStream in = DeploymentCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILT_IN_RESOURCE);
      }
      List<CatalogIssue> issues = new ArrayList<>();
      DeploymentsYaml.Result r =
          DeploymentsYaml.parse(
              YamlTree.read(in, BUILT_IN_RESOURCE, issues::add), BUILT_IN_RESOURCE);
      issues.addAll(r.issues());
      if (!issues.isEmpty()) {
        throw new IllegalStateException("bad built-in catalogue: " + issues);
      }
      catalog.byName.putAll(r.deployments());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return catalog;
  }

  /** Only the offline {@code simple/*} deployments, which need no network, key or GPU. */
  public static DeploymentCatalog offline() {
    DeploymentCatalog catalog = new DeploymentCatalog();
    for (String model : SimpleAdapter.models()) {
      catalog.byName.put(
          "simple/" + model,
          new Deployment("simple/" + model, "simple", model, SIMPLE_CONTEXT_WINDOW, Map.of()));
    }
    return catalog;
  }

  /**
   * The built-in deployments plus those of {@code modelsYaml} (HELM's model_deployments.yaml shape;
   * see {@link DeploymentsYaml}), which replace built-ins of the same name.
   *
   * @throws PrismUserException listing every problem of the file, each with {@code file:line}
   */
  public static DeploymentCatalog load(Path modelsYaml) {
    DeploymentsYaml.Result r = parse(modelsYaml);
    if (!r.issues().isEmpty()) {
      throw problems(r.issues());
    }
    DeploymentCatalog catalog = builtIn();
    catalog.byName.putAll(r.deployments());
    return catalog;
  }

  /**
   * One exception for all issues: a single issue reads {@code file:line: message} with its hint;
   * several read {@code N problems in deployments file: file:7: …; file:9: …}.
   */
  static PrismUserException problems(List<CatalogIssue> issues) {
    CatalogIssue first = issues.get(0);
    if (issues.size() == 1) {
      return new PrismUserException(first.location() + ": " + first.message(), first.hint());
    }
    return new PrismUserException(
        issues.size()
            + " problems in deployments file: "
            + String.join("; ", issues.stream().map(CatalogIssue::oneLine).toList()),
        "Fix them and run again");
  }

  /**
   * Every problem of a deployments file, without throwing for them (for {@code prism validate}).
   *
   * @throws PrismUserException only when the file is missing or is not YAML at all
   */
  public static List<CatalogIssue> validate(Path modelsYaml) {
    return parse(modelsYaml).issues();
  }

  /** The file's deployments and every issue: the YAML reader's (duplicate keys), then the rest. */
  private static DeploymentsYaml.Result parse(Path modelsYaml) {
    List<CatalogIssue> issues = new ArrayList<>();
    YamlTree.Node root = YamlTree.read(modelsYaml, issues::add);
    DeploymentsYaml.Result r = DeploymentsYaml.parse(root, modelsYaml.toString());
    issues.addAll(r.issues());
    return new DeploymentsYaml.Result(r.deployments(), issues);
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
