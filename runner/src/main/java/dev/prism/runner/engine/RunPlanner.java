package dev.prism.runner.engine;

import dev.prism.adapters.AdapterCapabilities;
import dev.prism.adapters.AdapterRegistry;
import dev.prism.adapters.Capability;
import dev.prism.adapters.DeploymentCatalog;
import dev.prism.adapters.DeploymentOptions;
import dev.prism.adapters.DeploymentSettings;
import dev.prism.adapters.tokenizer.Tokenizer;
import dev.prism.adapters.tokenizer.TokenizerChoice;
import dev.prism.adapters.tokenizer.Tokenizers;
import dev.prism.core.Deployment;
import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.RequestState;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.efficiency.EfficiencyContext;
import dev.prism.metrics.efficiency.Prices;
import dev.prism.metrics.efficiency.TokenCounter;
import dev.prism.runner.spec.RunEntry;
import dev.prism.runner.spec.RunSpec;
import dev.prism.runner.store.Json;
import dev.prism.scenarios.ScenarioRegistry;
import dev.prism.scenarios.io.InstanceJson;
import dev.prism.scenarios.perturbation.DataAugmentation;
import dev.prism.scenarios.perturbation.DataAugmenter;
import dev.prism.scenarios.perturbation.PerturbationRegistry;
import dev.prism.scenarios.perturbation.PerturbationResources;
import dev.prism.scenarios.prompt.MethodFormats;
import dev.prism.scenarios.prompt.PromptTokenizer;
import dev.prism.scenarios.prompt.RequestPlanner;
import dev.prism.scenarios.prompt.TokenWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns run entries into {@link PreparedRun}s: resolves scenario, deployment and metrics, applies
 * HELM's run expanders ({@code model=}, {@code max_eval_instances=}, …), loads instances and builds
 * every request. All user errors surface here, before anything is stored.
 */
public final class RunPlanner {
  /** Run-entry keys that change the run rather than being passed to the scenario. */
  static final Set<String> EXPANDERS =
      new TreeSet<>(
          List.of(
              "model",
              "max_eval_instances",
              "max_train_instances",
              "num_train_trials",
              "num_outputs",
              "temperature",
              "max_tokens",
              "method",
              "data_augmentation"));

  private final ScenarioRegistry scenarios;
  private final AdapterRegistry adapters;
  private final DeploymentCatalog deployments;
  private final MetricRegistry metrics;
  private final Path dataDir;

  public RunPlanner(
      ScenarioRegistry scenarios,
      AdapterRegistry adapters,
      DeploymentCatalog deployments,
      MetricRegistry metrics,
      Path dataDir) {
    this.scenarios = scenarios;
    this.adapters = adapters;
    this.deployments = deployments;
    this.metrics = metrics;
    this.dataDir = dataDir;
  }

  /**
   * Plans one entry.
   *
   * @param defaultOverrides expander values applied when the entry does not set them (e.g. from
   *     {@code --max-eval-instances}); copied
   */
  public PreparedRun plan(RunEntry entry, Map<String, String> defaultOverrides) {
    Map<String, String> all = new LinkedHashMap<>(defaultOverrides);
    all.putAll(entry.args());
    String model = all.remove("model");
    if (model == null) {
      throw new PrismUserException(
          "run entry '" + entry.scenario() + "' names no model",
          "Add model=ORG/NAME, e.g. " + entry.scenario() + ":model=simple/calculator");
    }
    Map<String, String> expanders = new LinkedHashMap<>();
    Map<String, String> scenarioArgs = new LinkedHashMap<>();
    all.forEach((k, v) -> (EXPANDERS.contains(k) ? expanders : scenarioArgs).put(k, v));

    Scenario scenario = scenarios.resolve(entry.scenario());
    Deployment deployment = deployments.resolve(model);
    PromptFormat scenarioFormat = scenario.promptFormat(new ScenarioContext(scenarioArgs, dataDir));
    PromptFormat format = applyExpanders(scenarioFormat, expanders, entry);
    List<String> notes = new ArrayList<>();
    format =
        fitToCapabilities(
            format, deployment, notes, jointFallback(scenarioFormat, expanders, entry));
    List<String> metricNames = holisticMetrics(scenario, scenarioArgs, format);
    List<Metric> resolvedMetrics;
    try {
      resolvedMetrics = metrics.resolve(metricNames);
    } catch (PrismUserException e) {
      if (!(scenario instanceof dev.prism.scenarios.declarative.DeclarativeScenario)) {
        throw e;
      }
      // The name came from the scenario file's metrics list: say which file, and where to get
      // the line.
      throw new PrismUserException(
          entry.scenario() + ": " + e.getMessage(),
          (e.hint().isEmpty() ? "" : e.hint() + " ")
              + "('prism validate "
              + entry.scenario()
              + "' names the line)",
          e);
    }
    List<Instance> instances = scenario.instances(new ScenarioContext(scenarioArgs, dataDir));
    String augmentation = expanders.get("data_augmentation");
    if (augmentation != null) {
      instances = augment(instances, DataAugmentation.named(augmentation), dataDir);
    }
    if (instances.stream().noneMatch(i -> i.split().isEval())) {
      throw new PrismUserException(
          "scenario '" + scenario.id() + "' has no valid or test instances",
          "Add instances with split 'test' or 'valid'");
    }
    TokenizerChoice tokenizer = Tokenizers.choose(deployment);
    if (!tokenizer.exact()) {
      notes.add("token counts are approximate: " + tokenizer.reason());
    }
    Tokenizer tok = tokenizer.tokenizer();
    List<RequestState> requests =
        RequestPlanner.plan(instances, format, deployment.name(), tokenWindow(deployment, tok));
    DeploymentSettings settings = DeploymentSettings.of(deployment);
    EfficiencyProfiles runtimes = EfficiencyProfiles.resolve(deployment, settings, dataDir);
    if (runtimes.note() != null) {
      notes.add(runtimes.note());
    }
    TrainingCostSource training = TrainingCostSource.resolve(deployment, settings, dataDir);
    if (training.note() != null) {
      notes.add(training.note());
    }
    resolvedMetrics =
        efficiencyContext(deployment, tok, runtimes)
            .withTraining(training.costs(), training.reason())
            .configure(resolvedMetrics);
    RunSpec spec =
        new RunSpec(
            runName(scenario.id(), scenarioArgs, expanders, model),
            scenario.id(),
            scenarioArgs,
            instancesHash(instances),
            deployment.name(),
            format,
            metricNames);
    return new PreparedRun(
        spec,
        scenario,
        deployment,
        instances,
        requests,
        resolvedMetrics,
        tok,
        notes,
        entry,
        defaultOverrides);
  }

  /**
   * The deployment's tokenizer and limits: the context window, HELM's {@code max_request_length}
   * and {@code prefix_token} deployment options (language modelling) when set.
   */
  static TokenWindow tokenWindow(Deployment deployment, Tokenizer tok) {
    return new TokenWindow(
        PromptTokenizer.of(tok::count, tok::truncate, tok::encode, tok::decode),
        deployment.contextWindow(),
        DeploymentOptions.positiveInt(deployment, DeploymentOptions.MAX_REQUEST_LENGTH)
            .orElse(deployment.contextWindow()),
        DeploymentOptions.string(deployment, DeploymentOptions.PREFIX_TOKEN).orElse(""));
  }

  /**
   * Efficiency stats counted with the deployment's tokenizer, priced with its prices, and runtimes
   * estimated with its runtime profile.
   */
  static EfficiencyContext efficiencyContext(
      Deployment deployment, Tokenizer tok, EfficiencyProfiles runtimes) {
    TokenCounter counter =
        new TokenCounter() {
          @Override
          public String name() {
            return tok.name();
          }

          @Override
          public int count(String text) {
            return tok.count(text);
          }
        };
    DeploymentSettings settings = DeploymentSettings.of(deployment);
    Prices prices =
        settings.inputPricePer1M().isPresent() && settings.outputPricePer1M().isPresent()
            ? new Prices(
                settings.inputPricePer1M().getAsDouble(), settings.outputPricePer1M().getAsDouble())
            : null;
    return new EfficiencyContext(
        deployment.name(), counter, runtimes.profile(), prices, runtimes.noProfileReason());
  }

  /** HELM's instruction for chat models answering joint multiple choice (HELM PR #2906). */
  static final String SINGLE_LETTER = "Answer with only a single letter.";

  /**
   * Adapts the prompt format to what the deployment can do, recording each change in {@code notes}:
   * a deployment without prompt log-probabilities cannot score options separately, so per-option
   * scoring falls back to {@code jointFallback}, and joint multiple choice gets HELM's
   * single-letter instruction on a chat-only deployment so chat models answer in the expected
   * format. Language modelling and chat have no fallback: without prompt log-probabilities, or
   * without the chat capability (a completions API takes no messages), they are user errors.
   */
  PromptFormat fitToCapabilities(
      PromptFormat format, Deployment deployment, List<String> notes, PromptFormat jointFallback) {
    Set<Capability> provided = adapters.capabilities(deployment);
    PromptFormat fitted = format;
    if (format.method() == PromptMethod.LANGUAGE_MODELING) {
      AdapterCapabilities.missing(deployment, provided, List.of(Capability.PROMPT_LOGPROBS))
          .ifPresent(
              why -> {
                throw new PrismUserException(
                    "language_modeling scores prompt log-probabilities, but " + why,
                    "Use a deployment on a completions API with echo (e.g. openai-compatible with"
                        + " 'api: completions' on vLLM), or another method");
              });
    }
    if (format.method() == PromptMethod.CHAT) {
      AdapterCapabilities.missing(deployment, provided, List.of(Capability.CHAT))
          .ifPresent(
              why -> {
                throw new PrismUserException(
                    "prompt method chat sends chat messages, but " + why,
                    "Use a deployment on a chat API (e.g. openai-compatible with 'api: chat',"
                        + " ollama with 'api: chat', anthropic, gemini), or another method");
              });
    }
    if (RequestPlanner.isSeparate(format.method())
        && !provided.contains(Capability.PROMPT_LOGPROBS)) {
      fitted = jointFallback;
      notes.add(
          "fallback: "
              + format.method().helmName()
              + " needs prompt log-probabilities, which "
              + deployment.name()
              + " does not return; scored as multiple_choice_joint instead");
    }
    if (fitted.method() == PromptMethod.MULTIPLE_CHOICE_JOINT
        && AdapterCapabilities.isChatOnly(provided)
        && !fitted.instructions().contains(SINGLE_LETTER)) {
      String instructions =
          fitted.instructions().isEmpty()
              ? SINGLE_LETTER + "\n"
              : fitted.instructions().stripTrailing() + " " + SINGLE_LETTER + "\n";
      fitted = fitted.toBuilder().instructions(instructions).build();
      notes.add(
          "fallback: "
              + deployment.name()
              + " is chat-only; joint multiple choice adds the instruction '"
              + SINGLE_LETTER
              + "'");
    }
    return fitted;
  }

  /**
   * The joint multiple-choice format a separate method falls back to: the scenario's own format
   * with the run entry's other settings when it is joint (a {@code method=} entry replaced it with
   * HELM's bare separate spec), else the separate format asking for one letter.
   */
  static PromptFormat jointFallback(
      PromptFormat scenarioFormat, Map<String, String> expanders, RunEntry entry) {
    if (scenarioFormat.method() == PromptMethod.MULTIPLE_CHOICE_JOINT) {
      Map<String, String> others = new LinkedHashMap<>(expanders);
      others.remove("method");
      return applyExpanders(scenarioFormat, others, entry);
    }
    return applyExpanders(scenarioFormat, expanders, entry).toBuilder()
        .method(PromptMethod.MULTIPLE_CHOICE_JOINT)
        .maxTokens(1)
        .build();
  }

  /** Adds perturbed copies of the eval instances, as HELM's data augmenter does. */
  public static List<Instance> augment(
      List<Instance> instances, DataAugmentation augmentation, Path dataDir) {
    return DataAugmenter.of(
            augmentation, new PerturbationRegistry(new PerturbationResources(dataDir)))
        .augment(instances, augmentation);
  }

  /**
   * The scenario's metrics plus the families every run reports where they apply (HELM's holistic
   * evaluation): calibration (it skips itself, saying why, without log-probabilities) and
   * efficiency always, bias for generated text, HELM's logprob and perplexity stats except for
   * separate multiple choice (whose exact_match comes with every run). Robustness and fairness come
   * from the worst-case aggregation of perturbed copies; toxicity is added here once a scorer is
   * implemented.
   */
  static List<String> holisticMetrics(
      Scenario scenario, Map<String, String> scenarioArgs, PromptFormat format) {
    List<String> names = new ArrayList<>(scenario.metrics(scenarioArgs));
    List<String> extra = new ArrayList<>(List.of("calibration", "efficiency"));
    if (format.method() == PromptMethod.GENERATION) {
      extra.add("bias");
    }
    if (!RequestPlanner.isSeparate(format.method())) {
      // HELM's logprob / perplexity stats of every generated (or echoed) request.
      extra.add("language_modeling");
      extra.add("perplexity_metrics");
    }
    for (String family : extra) {
      if (!names.contains(family)) {
        names.add(family);
      }
    }
    return names;
  }

  static PromptFormat applyExpanders(
      PromptFormat base, Map<String, String> expanders, RunEntry entry) {
    String method = expanders.get("method");
    if (method != null) {
      try {
        // HELM's run-spec functions build a different spec for the separate methods.
        base = MethodFormats.withMethod(base, PromptMethod.fromHelmName(method));
      } catch (IllegalArgumentException ex) {
        throw new PrismUserException(
            "run entry '" + entry.scenario() + "': bad value '" + method + "' for method",
            ex.getMessage());
      }
    }
    PromptFormat.Builder b = base.toBuilder();
    for (Map.Entry<String, String> e : expanders.entrySet()) {
      String v = e.getValue();
      try {
        switch (e.getKey()) {
          case "max_eval_instances" -> b.maxEvalInstances(Integer.parseInt(v));
          case "max_train_instances" -> b.maxTrainInstances(Integer.parseInt(v));
          case "num_train_trials" -> b.numTrainTrials(Integer.parseInt(v));
          case "num_outputs" -> b.numOutputs(Integer.parseInt(v));
          case "max_tokens" -> b.maxTokens(Integer.parseInt(v));
          case "temperature" -> b.temperature(Double.parseDouble(v));
          case "method", "data_augmentation" -> {
            // The method is applied above; data augmentation to the instances.
          }
          default -> throw new IllegalStateException("unhandled expander " + e.getKey());
        }
      } catch (IllegalArgumentException ex) {
        throw new PrismUserException(
            "run entry '" + entry.scenario() + "': bad value '" + v + "' for " + e.getKey(),
            ex instanceof NumberFormatException ? "Give a number" : ex.getMessage());
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException ex) {
      throw new PrismUserException(
          "run entry '" + entry.scenario() + "': " + ex.getMessage(), "Fix the entry's values");
    }
  }

  static String runName(
      String scenarioId,
      Map<String, String> scenarioArgs,
      Map<String, String> expanders,
      String model) {
    List<String> parts = new ArrayList<>();
    new java.util.TreeMap<>(scenarioArgs).forEach((k, v) -> parts.add(k + "=" + v));
    expanders.forEach((k, v) -> parts.add(k + "=" + v));
    parts.add("model=" + model);
    return scenarioId + ":" + String.join(",", parts);
  }

  static String instancesHash(List<Instance> instances) {
    StringBuilder sb = new StringBuilder();
    for (Instance i : instances) {
      sb.append(InstanceJson.toJson(i)).append('\n');
    }
    return Json.sha256(sb.toString());
  }
}
