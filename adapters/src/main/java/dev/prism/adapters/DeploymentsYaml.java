package dev.prism.adapters;

import dev.prism.adapters.YamlTree.Entry;
import dev.prism.adapters.YamlTree.Node;
import dev.prism.core.Deployment;
import dev.prism.core.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a {@code models.yaml} in the shape of HELM's {@code model_deployments.yaml}:
 *
 * <pre>{@code
 * model_deployments:
 *   - name: local/llama-3.1-8b          # org/name, what run entries say with model=
 *     adapter: openai-compatible        # the ModelAdapter kind (HELM: client_spec)
 *     model: meta-llama/Llama-3.1-8B-Instruct   # the id the server knows; default: part after '/'
 *     model_name: meta/llama-3.1-8b     # HELM's metadata name (optional)
 *     tokenizer_name: huggingface/llama-3.1-8b
 *     max_sequence_length: 131072       # context window in tokens (required)
 *     base_url: http://localhost:8000/v1
 *     api_key_env: VLLM_API_KEY         # the variable's name, never the key
 *     # model_path: models/tiny-llama   # in-process adapters (jlama): the model folder
 *     # api_key_file: secrets/vllm.key  # or a file holding only the key (relative to this file)
 *     api: completions
 *     price_input_per_1m: 0.0           # US dollars
 *     price_output_per_1m: 0.0
 *     max_concurrency: 64
 *     requests_per_minute: 6000
 *     tokens_per_minute: 2000000
 *     efficiency_profile: openai/davinci  # its entry in HELM's runtime tables (optional)
 *     inference_denoised_runtime:       # or inline coefficients, HELM's table shape (optional)
 *       runtime_per_output_token: 0.016
 *       runtime_for_prompt_tokens: {1: 0.016, 256: 0.065}
 *       overhead: 0.237
 *     training_co2_cost: 552.2          # HELM's training costs: tons CO2 and MWh (optional)
 *     training_energy_cost: 1287.1
 *     options: {read_timeout_s: 300}    # any other adapter option
 * }</pre>
 *
 * Every problem is collected with its {@code file:line}; unknown keys get a did-you-mean.
 */
final class DeploymentsYaml {
  /** Keys whose value becomes the option of the same name. */
  private static final Set<String> OPTION_KEYS =
      Set.of(
          DeploymentOptions.BASE_URL,
          DeploymentOptions.API_KEY_ENV,
          DeploymentOptions.API_KEY_FILE,
          DeploymentOptions.MODEL_PATH,
          DeploymentOptions.API,
          DeploymentOptions.STREAM,
          DeploymentOptions.LOGPROBS,
          DeploymentOptions.ECHO,
          DeploymentOptions.CONNECT_TIMEOUT_S,
          DeploymentOptions.READ_TIMEOUT_S,
          DeploymentOptions.CALL_TIMEOUT_S,
          DeploymentOptions.MODEL_NAME,
          DeploymentOptions.PRICE_INPUT_PER_1M,
          DeploymentOptions.PRICE_OUTPUT_PER_1M,
          DeploymentOptions.MAX_CONCURRENCY,
          DeploymentOptions.REQUESTS_PER_MINUTE,
          DeploymentOptions.TOKENS_PER_MINUTE,
          DeploymentOptions.EFFICIENCY_PROFILE,
          DeploymentOptions.TRAINING_CO2_COST,
          DeploymentOptions.TRAINING_ENERGY_COST);

  /** Keys holding a {@link RuntimeModel} mapping. */
  private static final List<String> RUNTIME_KEYS =
      List.of(
          DeploymentOptions.INFERENCE_IDEALIZED_RUNTIME,
          DeploymentOptions.INFERENCE_DENOISED_RUNTIME);

  private static final Set<String> DECIMAL_KEYS =
      Set.of(
          DeploymentOptions.PRICE_INPUT_PER_1M,
          DeploymentOptions.PRICE_OUTPUT_PER_1M,
          DeploymentOptions.TRAINING_CO2_COST,
          DeploymentOptions.TRAINING_ENERGY_COST,
          DeploymentOptions.CONNECT_TIMEOUT_S,
          DeploymentOptions.READ_TIMEOUT_S,
          DeploymentOptions.CALL_TIMEOUT_S);

  private static final Set<String> COUNT_KEYS =
      Set.of(
          DeploymentOptions.MAX_CONCURRENCY,
          DeploymentOptions.REQUESTS_PER_MINUTE,
          DeploymentOptions.TOKENS_PER_MINUTE);

  private static final Set<String> OTHER_KEYS =
      Set.of(
          "name",
          "adapter",
          "model",
          "tokenizer_name",
          "max_sequence_length",
          "options",
          "deprecated");

  private final String file;
  private final List<CatalogIssue> issues = new ArrayList<>();

  private DeploymentsYaml(String file) {
    this.file = file;
  }

  /** The deployments of a parsed document, by name, and the problems found. */
  record Result(Map<String, Deployment> deployments, List<CatalogIssue> issues) {}

  static Result parse(Node root, String file) {
    DeploymentsYaml reader = new DeploymentsYaml(file);
    Map<String, Deployment> out = reader.read(root);
    return new Result(out, List.copyOf(reader.issues));
  }

  private void issue(int line, String message, String hint) {
    issues.add(new CatalogIssue(file + ":" + line, message, hint));
  }

  private Map<String, Deployment> read(Node root) {
    Map<String, Deployment> out = new LinkedHashMap<>();
    if (!root.isMap()) {
      issue(
          root.line(),
          "expected a mapping, found " + root.describe(),
          "Start with 'model_deployments:'");
      return out;
    }
    for (Map.Entry<String, Entry> e : root.map().entrySet()) {
      if (!e.getKey().equals("model_deployments")) {
        issue(
            e.getValue().keyLine(),
            "unknown top-level key '" + e.getKey() + "'",
            Names.didYouMean(e.getKey(), List.of("model_deployments"), "prism list models"));
      }
    }
    Entry list = root.map().get("model_deployments");
    if (list == null) {
      issue(
          root.line(),
          "no 'model_deployments' list",
          "Add 'model_deployments:' with one item per deployment");
      return out;
    }
    if (!list.value().isList()) {
      issue(
          list.keyLine(),
          "'model_deployments' must be a list, found " + list.value().describe(),
          "Start each item with '- name:'");
      return out;
    }
    Map<String, Integer> firstLine = new TreeMap<>();
    for (Node item : list.value().list()) {
      Object name =
          item.isMap() && item.map().get("name") != null
              ? item.map().get("name").value().value()
              : null;
      if (name instanceof String n) {
        Integer previous = firstLine.putIfAbsent(n.strip(), item.line());
        if (previous != null) {
          issue(
              item.line(),
              "deployment '" + n.strip() + "' is defined twice (first on line " + previous + ")",
              "Remove or rename one");
          continue;
        }
      }
      Deployment d = deployment(item);
      if (d != null) {
        out.put(d.name(), d);
      }
    }
    return out;
  }

  private Deployment deployment(Node item) {
    if (!item.isMap()) {
      issue(
          item.line(),
          "a deployment must be a mapping, found " + item.describe(),
          "Write '- name: org/model' and its fields");
      return null;
    }
    int before = issues.size();
    Map<String, Entry> m = item.map();
    List<String> known = new ArrayList<>(OPTION_KEYS);
    known.addAll(OTHER_KEYS);
    known.addAll(RUNTIME_KEYS);
    for (Map.Entry<String, Entry> e : m.entrySet()) {
      String key = e.getKey();
      if (key.equals("client_spec")) {
        issue(
            e.getValue().keyLine(),
            "HELM's 'client_spec' is not used by Prism",
            "Name the adapter kind with 'adapter:' (e.g. openai-compatible) and put settings under 'options:'");
      } else if (!known.contains(key)) {
        issue(
            e.getValue().keyLine(),
            "unknown key '" + key + "'",
            Names.didYouMean(key, known, "prism list models"));
      }
    }
    String name = text(m, "name", item.line(), true);
    String adapter = text(m, "adapter", item.line(), true);
    String model = text(m, "model", item.line(), false);
    if (name != null && !name.matches("[^/\\s]+/[^\\s]+")) {
      issue(
          m.get("name").keyLine(),
          "deployment name '" + name + "' is not org/name",
          "Write it like local/llama-3.1-8b");
    }
    Integer window = null;
    Entry max = m.get("max_sequence_length");
    if (max == null) {
      issue(
          item.line(),
          "deployment '" + (name == null ? "?" : name) + "' has no max_sequence_length",
          "Add the model's context window in tokens");
    } else if (max.value().value() instanceof Long n && n > 0 && n <= Integer.MAX_VALUE) {
      window = n.intValue();
    } else {
      issue(
          max.keyLine(),
          "max_sequence_length must be a positive whole number, found " + max.value().describe(),
          "");
    }
    Map<String, String> options = new TreeMap<>();
    for (String key : OPTION_KEYS) {
      Entry e = m.get(key);
      if (e != null) {
        String v = scalar(e, key);
        if (v != null) {
          options.put(key, v);
        }
      }
    }
    for (String key : List.of(DeploymentOptions.API_KEY_FILE, DeploymentOptions.MODEL_PATH)) {
      String path = options.get(key);
      if (path != null
          && !Path.of(path).isAbsolute()
          && !file.equals(DeploymentCatalog.BUILT_IN_RESOURCE)) {
        Path folder = Path.of(file).toAbsolutePath().getParent();
        options.put(key, folder.resolve(path).normalize().toString());
      }
    }
    for (String key : RUNTIME_KEYS) {
      Entry e = m.get(key);
      RuntimeModel runtime = e == null ? null : runtimeModel(e, key);
      if (runtime != null) {
        options.put(key, runtime.encode());
      }
    }
    String tokenizer = text(m, "tokenizer_name", item.line(), false);
    if (tokenizer != null) {
      options.put(DeploymentOptions.TOKENIZER, tokenizer);
    }
    Entry extra = m.get("options");
    if (extra != null) {
      if (!extra.value().isMap()) {
        issue(
            extra.keyLine(),
            "'options' must be a mapping, found " + extra.value().describe(),
            "Write options: {key: value}");
      } else {
        for (Map.Entry<String, Entry> e : extra.value().map().entrySet()) {
          String v = scalar(e.getValue(), e.getKey());
          if (v != null) {
            options.put(e.getKey(), v);
          }
        }
      }
    }
    if (issues.size() > before || name == null || adapter == null || window == null) {
      return null;
    }
    if (model == null) {
      model = name.substring(name.indexOf('/') + 1);
    }
    return new Deployment(name, adapter, model, window, options);
  }

  private String text(Map<String, Entry> m, String key, int itemLine, boolean required) {
    Entry e = m.get(key);
    if (e == null) {
      if (required) {
        issue(
            itemLine,
            "deployment has no '" + key + "'",
            key.equals("adapter")
                ? "Name its adapter kind, e.g. openai-compatible; 'prism list models' shows them"
                : "Add '" + key + ":'");
      }
      return null;
    }
    if (!(e.value().value() instanceof String s) || s.isBlank()) {
      issue(e.keyLine(), "'" + key + "' must be text, found " + e.value().describe(), "");
      return null;
    }
    return s.strip();
  }

  /** A runtime model in HELM's table shape, or null after recording what is wrong. */
  private RuntimeModel runtimeModel(Entry e, String key) {
    String shape =
        "Write it as in HELM's runtime tables: "
            + RuntimeModel.PER_OUTPUT_TOKEN
            + ": SECONDS, "
            + RuntimeModel.FOR_PROMPT_TOKENS
            + ": {TOKENS: SECONDS, ...}, optional "
            + RuntimeModel.OVERHEAD
            + ": SECONDS";
    if (!e.value().isMap()) {
      issue(e.keyLine(), "'" + key + "' must be a mapping, found " + e.value().describe(), shape);
      return null;
    }
    Map<String, Entry> m = e.value().map();
    List<String> fields =
        List.of(
            RuntimeModel.PER_OUTPUT_TOKEN, RuntimeModel.FOR_PROMPT_TOKENS, RuntimeModel.OVERHEAD);
    int before = issues.size();
    for (Map.Entry<String, Entry> f : m.entrySet()) {
      if (!fields.contains(f.getKey())) {
        issue(
            f.getValue().keyLine(),
            "unknown key '" + f.getKey() + "' in '" + key + "'",
            Names.didYouMean(f.getKey(), fields, "prism list models"));
      }
    }
    Double perToken = seconds(m, RuntimeModel.PER_OUTPUT_TOKEN, key, e.keyLine(), shape);
    Double overhead =
        m.containsKey(RuntimeModel.OVERHEAD)
            ? seconds(m, RuntimeModel.OVERHEAD, key, e.keyLine(), shape)
            : Double.valueOf(0.0);
    TreeMap<Integer, Double> table = new TreeMap<>();
    Entry t = m.get(RuntimeModel.FOR_PROMPT_TOKENS);
    if (t == null || !t.value().isMap() || t.value().map().isEmpty()) {
      issue(
          t == null ? e.keyLine() : t.keyLine(),
          "'"
              + key
              + "' needs "
              + RuntimeModel.FOR_PROMPT_TOKENS
              + " mapping prompt token counts to seconds"
              + (t == null ? "" : ", found " + t.value().describe()),
          shape);
    } else {
      for (Map.Entry<String, Entry> cell : t.value().map().entrySet()) {
        Integer tokens = null;
        try {
          tokens = Integer.valueOf(cell.getKey().strip());
        } catch (NumberFormatException ignored) {
          // reported below
        }
        if (tokens == null || tokens <= 0) {
          issue(
              cell.getValue().keyLine(),
              "'" + key + "': prompt size '" + cell.getKey() + "' is not a positive whole number",
              shape);
          continue;
        }
        Double v = seconds(t.value().map(), cell.getKey(), key, t.keyLine(), shape);
        if (v != null) {
          table.put(tokens, v);
        }
      }
    }
    if (issues.size() > before || perToken == null || overhead == null) {
      return null;
    }
    return new RuntimeModel(table, perToken, overhead);
  }

  /** A required non-negative number of seconds under {@code field}, or null after an issue. */
  private Double seconds(
      Map<String, Entry> m, String field, String key, int parentLine, String shape) {
    Entry f = m.get(field);
    if (f == null) {
      issue(parentLine, "'" + key + "' has no '" + field + "'", shape);
      return null;
    }
    if (f.value().value() instanceof Number n
        && Double.isFinite(n.doubleValue())
        && n.doubleValue() >= 0) {
      return n.doubleValue();
    }
    issue(
        f.keyLine(),
        "'"
            + key
            + "': '"
            + field
            + "' must be a non-negative number of seconds, found "
            + f.value().describe(),
        "");
    return null;
  }

  /** A scalar option as text; numbers and booleans are checked where the key is known. */
  private String scalar(Entry e, String key) {
    Object v = e.value().value();
    if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
      if (DECIMAL_KEYS.contains(key) && !(v instanceof Number n && n.doubleValue() >= 0)) {
        issue(
            e.keyLine(),
            "'" + key + "' must be a non-negative number, found " + e.value().describe(),
            "");
        return null;
      }
      if (COUNT_KEYS.contains(key) && !(v instanceof Long n && n > 0 && n <= Integer.MAX_VALUE)) {
        issue(
            e.keyLine(),
            "'" + key + "' must be a positive whole number, found " + e.value().describe(),
            "");
        return null;
      }
      if (key.equals(DeploymentOptions.API_KEY_ENV)
          && v instanceof String s
          && !s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        issue(
            e.keyLine(),
            "'api_key_env' must name an environment variable, not hold a key",
            "Write api_key_env: OPENAI_API_KEY and export the key in that variable");
        return null;
      }
      return String.valueOf(v);
    }
    issue(
        e.keyLine(),
        "option '" + key + "' must be a single value, found " + e.value().describe(),
        "");
    return null;
  }
}
