package dev.prism.reports.html;

import dev.prism.reports.schema.LeaderboardSchema;
import dev.prism.reports.table.LeaderboardOptions;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of {@link SiteWriter#write(dev.prism.reports.model.SuiteReport, java.nio.file.Path,
 * SiteOptions)}.
 *
 * <pre>{@code
 * SiteOptions options = SiteOptions.defaults()
 *     .withSchema(LeaderboardSchema.load(Path.of("schema.yaml")))
 *     .withAdapterSettings(Map.of("mmlu:subject=law,model=x", Map.of("max_train_instances", "5")));
 * }</pre>
 *
 * @param schema the leaderboard layout; never {@code null}
 * @param leaderboard direction overrides, bootstrap resamples, seed and significance level; never
 *     {@code null}
 * @param adapterSettings by run name, the prompt-format settings shown on the run page (name →
 *     value, shown sorted by name); never {@code null}, runs may be missing
 * @param instancesPerPage instances (with their perturbed variants) per run page, at least 1
 */
public record SiteOptions(
    LeaderboardSchema schema,
    LeaderboardOptions leaderboard,
    Map<String, Map<String, String>> adapterSettings,
    int instancesPerPage) {
  /** The page size used by {@link #defaults()}. */
  public static final int DEFAULT_INSTANCES_PER_PAGE = 500;

  public SiteOptions {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(leaderboard, "leaderboard");
    TreeMap<String, Map<String, String>> copy = new TreeMap<>();
    adapterSettings.forEach(
        (run, settings) ->
            copy.put(run, Collections.unmodifiableSortedMap(new TreeMap<>(settings))));
    adapterSettings = Collections.unmodifiableMap(copy);
    if (instancesPerPage < 1) {
      throw new IllegalArgumentException("instancesPerPage must be >= 1, got " + instancesPerPage);
    }
  }

  /** The built-in schema, {@link LeaderboardOptions#DEFAULTS}, no adapter settings, 500 a page. */
  public static SiteOptions defaults() {
    return new SiteOptions(
        LeaderboardSchema.defaults(),
        LeaderboardOptions.DEFAULTS,
        Map.of(),
        DEFAULT_INSTANCES_PER_PAGE);
  }

  /** These options with another schema. */
  public SiteOptions withSchema(LeaderboardSchema s) {
    return new SiteOptions(s, leaderboard, adapterSettings, instancesPerPage);
  }

  /** These options with other leaderboard options. */
  public SiteOptions withLeaderboard(LeaderboardOptions l) {
    return new SiteOptions(schema, l, adapterSettings, instancesPerPage);
  }

  /** These options with direction overrides by metric name. */
  public SiteOptions withLowerIsBetter(Map<String, Boolean> lowerIsBetter) {
    return withLeaderboard(leaderboard.withLowerIsBetter(lowerIsBetter));
  }

  /** These options with adapter settings by run name. */
  public SiteOptions withAdapterSettings(Map<String, Map<String, String>> settings) {
    return new SiteOptions(schema, leaderboard, settings, instancesPerPage);
  }

  /** These options with another page size for instance lists. */
  public SiteOptions withInstancesPerPage(int n) {
    return new SiteOptions(schema, leaderboard, adapterSettings, n);
  }
}
