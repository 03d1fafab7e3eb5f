package dev.prism.reports.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The leaderboard layout as data, HELM's {@code schema_*.yaml}: metric display names and
 * directions, metric groups (one site tab each) and run groups. JSON is valid YAML, so {@link
 * #parse} reads both.
 *
 * <pre>{@code
 * metrics:
 *   - {name: exact_match, display_name: Exact match, short_display_name: EM, lower_is_better: false}
 * metric_groups:
 *   - name: accuracy
 *     display_name: Accuracy
 *     metrics: [{name: ${main_name}, split: ${main_split}}]
 * run_groups:
 *   - name: mmlu
 *     display_name: MMLU
 *     metric_groups: [accuracy]
 *     environment: {main_name: exact_match, main_split: test}
 * }</pre>
 *
 * <p>A scenario that no run group names gets a leaf group of its own showing every metric group
 * ({@link #runGroupFor}).
 *
 * @param metrics never {@code null}
 * @param metricGroups in tab order; never {@code null}
 * @param runGroups in display order; never {@code null}
 */
public record LeaderboardSchema(
    List<MetricSpec> metrics, List<MetricGroup> metricGroups, List<RunGroup> runGroups) {
  private static final String DEFAULT_RESOURCE = "default-schema.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public LeaderboardSchema {
    metrics = List.copyOf(metrics);
    metricGroups = List.copyOf(metricGroups);
    runGroups = List.copyOf(runGroups);
  }

  /** The built-in schema: HELM's seven families plus general information. */
  public static LeaderboardSchema defaults() {
    try (InputStream in = LeaderboardSchema.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a schema file.
   *
   * @throws PrismUserException listing every problem found, when the file is not a valid schema
   * @throws IOException when the file cannot be read
   */
  public static LeaderboardSchema load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses a schema from YAML or JSON text.
   *
   * @param source names the text in error messages (a file name)
   * @throws PrismUserException listing every problem found
   */
  public static LeaderboardSchema parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PrismUserException(
          "Cannot parse leaderboard schema " + source + ": " + e.getOriginalMessage(),
          "Fix the YAML syntax");
    }
    List<String> issues = new ArrayList<>();
    if (root == null || !root.isObject()) {
      issues.add("the document must be a mapping with metrics, metric_groups and run_groups");
      root = YAML.createObjectNode();
    }
    List<MetricSpec> metrics = new ArrayList<>();
    forEach(root, "metrics", issues, (n, at) -> metrics.add(metric(n, at, issues)));
    List<MetricGroup> metricGroups = new ArrayList<>();
    forEach(root, "metric_groups", issues, (n, at) -> metricGroups.add(metricGroup(n, at, issues)));
    List<RunGroup> runGroups = new ArrayList<>();
    forEach(root, "run_groups", issues, (n, at) -> runGroups.add(runGroup(n, at, issues)));
    unique(metrics.stream().map(MetricSpec::name).toList(), "metric", issues);
    unique(metricGroups.stream().map(MetricGroup::name).toList(), "metric group", issues);
    unique(runGroups.stream().map(RunGroup::name).toList(), "run group", issues);
    Set<String> groupNames = new HashSet<>();
    metricGroups.forEach(g -> groupNames.add(g.name()));
    for (RunGroup g : runGroups) {
      for (String m : g.metricGroups()) {
        if (!groupNames.contains(m)) {
          issues.add("run group '" + g.name() + "' names unknown metric group '" + m + "'");
        }
      }
      // Subgroups may name scenarios the schema does not declare (they get default groups).
    }
    if (!issues.isEmpty()) {
      throw new PrismUserException(
          "Leaderboard schema "
              + source
              + " has "
              + issues.size()
              + (issues.size() == 1 ? " problem: " : " problems: ")
              + String.join("; ", issues),
          "Fix the schema; see the built-in default-schema.yaml for the format");
    }
    return new LeaderboardSchema(metrics, metricGroups, runGroups);
  }

  /** The metric's spec, or {@link MetricSpec#unknown} when the schema does not list it. */
  public MetricSpec metric(String name) {
    for (MetricSpec m : metrics) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return MetricSpec.unknown(name);
  }

  /** The metric group of that name, or {@code null}. */
  public MetricGroup metricGroup(String name) {
    for (MetricGroup g : metricGroups) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    return null;
  }

  /**
   * The run group for a scenario: the schema's group of that name, or else a leaf group named after
   * the scenario that shows every metric group and takes its main metric from the runs.
   */
  public RunGroup runGroupFor(String scenarioId) {
    for (RunGroup g : runGroups) {
      if (g.name().equals(scenarioId)) {
        return g;
      }
    }
    return new RunGroup(
        scenarioId,
        scenarioId,
        "",
        List.of(),
        metricGroups.stream().map(MetricGroup::name).toList(),
        null,
        null);
  }

  private interface NodeConsumer {
    void accept(JsonNode node, String at);
  }

  private static void forEach(JsonNode root, String field, List<String> issues, NodeConsumer f) {
    JsonNode list = root.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      issues.add(field + " must be a list");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = field + "[" + i + "]";
      if (!n.isObject()) {
        issues.add(at + " must be a mapping");
      } else {
        f.accept(n, at);
      }
    }
  }

  private static MetricSpec metric(JsonNode n, String at, List<String> issues) {
    String name = required(n, "name", at, issues);
    String display = text(n, "display_name", name);
    Boolean lower = null;
    JsonNode l = n.path("lower_is_better");
    if (l.isBoolean()) {
      lower = l.booleanValue();
    } else if (!l.isMissingNode() && !l.isNull()) {
      issues.add(at + ".lower_is_better must be true, false or absent");
    }
    return new MetricSpec(
        name, display, text(n, "short_display_name", display), text(n, "description", ""), lower);
  }

  private static MetricGroup metricGroup(JsonNode n, String at, List<String> issues) {
    String name = required(n, "name", at, issues);
    List<MetricRef> refs = new ArrayList<>();
    forEach(
        n,
        "metrics",
        issues,
        (m, mAt) ->
            refs.add(
                new MetricRef(
                    required(m, "name", at + "." + mAt, issues),
                    required(m, "split", at + "." + mAt, issues),
                    text(m, "sub_split", null),
                    text(m, "perturbation_name", null))));
    return new MetricGroup(
        name,
        text(n, "display_name", name),
        text(n, "description", ""),
        refs,
        n.path("hide_win_rates").asBoolean(false));
  }

  private static RunGroup runGroup(JsonNode n, String at, List<String> issues) {
    String name = required(n, "name", at, issues);
    JsonNode env = n.path("environment");
    return new RunGroup(
        name,
        text(n, "display_name", name),
        text(n, "description", ""),
        strings(n, "subgroups", at, issues),
        strings(n, "metric_groups", at, issues),
        text(env, "main_name", null),
        text(env, "main_split", null));
  }

  private static List<String> strings(JsonNode n, String field, String at, List<String> issues) {
    JsonNode list = n.path(field);
    List<String> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      issues.add(at + "." + field + " must be a list of names");
      return out;
    }
    list.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static String required(JsonNode n, String field, String at, List<String> issues) {
    JsonNode v = n.path(field);
    if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
      issues.add(at + "." + field + " is required");
      return "?";
    }
    return v.asText();
  }

  private static String text(JsonNode n, String field, String fallback) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : fallback;
  }

  private static void unique(List<String> names, String what, List<String> issues) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    names.forEach(s -> seen.merge(s, 1, Integer::sum));
    seen.forEach(
        (name, count) -> {
          if (count > 1 && !Objects.equals(name, "?")) {
            issues.add(what + " '" + name + "' is declared " + count + " times");
          }
        });
  }
}
