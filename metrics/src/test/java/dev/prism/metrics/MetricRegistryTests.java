package dev.prism.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Metric;
import dev.prism.core.PrismUserException;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricRegistryTests {
  private static final List<String> ACCURACY_IDS =
      List.of(
          "bleu_1",
          "bleu_4",
          "classification_metrics",
          "exact_match",
          "exact_match_indicator",
          "exact_set_match",
          "f1_score",
          "f1_set_match",
          "final_number_exact_match",
          "iou_set_match",
          "language_modeling",
          "math_equiv",
          "math_equiv_chain_of_thought",
          "multiple_choice_separate",
          "perplexity_metrics",
          "prefix_exact_match",
          "quasi_exact_match",
          "quasi_prefix_exact_match",
          "rouge_1",
          "rouge_2",
          "rouge_l");

  /**
   * The ids of the other built-in metrics: other families', and ranking_metric and code_eval,
   * accuracy metrics whose family name selects none of their variants (HELM configures them per run
   * spec only).
   */
  private static final List<String> OTHER_IDS =
      List.of(
          "ranking_metric",
          "code_eval",
          "bias_metric",
          "calibration_metrics",
          "efficiency_metric",
          "inference_runtime_estimates",
          "max_prob",
          "toxicity_metric",
          "training_costs");

  /** Every built-in metric id, sorted. */
  private static final List<String> ALL_IDS =
      java.util.stream.Stream.concat(ACCURACY_IDS.stream(), OTHER_IDS.stream()).sorted().toList();

  private final MetricRegistry registry = MetricRegistry.load();

  @Test
  void splitNamesKeepsAParameterizedMetricsArgumentsTogether() {
    assertThat(
            MetricRegistry.splitNames(
                "accuracy, ranking_metric:track=trec,valid_topk=30,exact_match,"
                    + "toxicity_metric:scorer=http,url=http://127.0.0.1:9/x,label=LABEL_1,bias"))
        .containsExactly(
            "accuracy",
            "ranking_metric:track=trec,valid_topk=30",
            "exact_match",
            "toxicity_metric:scorer=http,url=http://127.0.0.1:9/x,label=LABEL_1",
            "bias");
    assertThat(MetricRegistry.splitNames("f1_score,,exact_match,"))
        .containsExactly("f1_score", "exact_match");
    // k=v after a plain name is not an argument: it stays a name, for resolve() to reject
    assertThat(MetricRegistry.splitNames("accuracy,valid_topk=30"))
        .containsExactly("accuracy", "valid_topk=30");
    assertThat(MetricRegistry.splitNames(" ")).isEmpty();
    MetricRegistry registry = MetricRegistry.load();
    assertThat(
            registry.resolve(
                MetricRegistry.splitNames("ranking_metric:track=trec,valid_topk=30,exact_match")))
        .extracting(Metric::id)
        .containsExactly("ranking_metric:track=trec,valid_topk=30", "exact_match");
    assertThatThrownBy(() -> registry.resolve(MetricRegistry.splitNames("accuracy,valid_topk=30")))
        .isInstanceOf(PrismUserException.class);
  }

  @Test
  void loadsTheBuiltInMetricsSortedById() {
    assertThat(registry.problems()).isEmpty();
    assertThat(registry.all()).extracting(Metric::id).containsExactlyElementsOf(ALL_IDS);
    assertThat(registry.find("f1_score")).isPresent();
    assertThat(registry.find("no_such_metric")).isEmpty();
  }

  @Test
  void listsTheSevenFamilies() {
    assertThat(registry.families())
        .containsExactly(
            "accuracy", "calibration", "robustness", "fairness", "bias", "toxicity", "efficiency");
  }

  @Test
  void resolvesFamiliesAndIdsInOrderWithoutDuplicates() {
    assertThat(registry.resolve(List.of("accuracy")))
        .extracting(Metric::id)
        .containsExactlyElementsOf(ACCURACY_IDS);
    assertThat(registry.resolve(List.of("f1_score", " exact_match ", "accuracy", "f1_score")))
        .extracting(Metric::id)
        .startsWith("f1_score", "exact_match")
        .doesNotHaveDuplicates()
        .hasSize(ACCURACY_IDS.size());
    assertThat(MetricRegistry.of(List.of(new Fake("a", "bias"))).resolve(List.of("toxicity")))
        .isEmpty();
    assertThat(registry.resolve(List.of())).isEmpty();
  }

  @Test
  void statNamesSelectTheMetricThatProducesThem() {
    for (String name :
        List.of(
            "ece_10_bin",
            "ece_1_bin",
            "selective_cov_acc_area",
            "selective_acc@10",
            "platt_coef",
            "platt_intercept",
            "platt_ece_10_bin",
            "platt_ece_1_bin")) {
      assertThat(registry.resolve(List.of(name)))
          .extracting(Metric::id)
          .containsExactly("calibration_metrics");
    }
    assertThat(registry.resolve(List.of("calibration", "ece_1_bin")))
        .extracting(Metric::id)
        .containsExactly("calibration_metrics", "max_prob");
    assertThat(registry.resolve(List.of("calibration")).get(0)).isInstanceOf(InstancesMetric.class);
  }

  @Test
  void malformedArgumentsAreUserErrors() {
    assertThatThrownBy(() -> registry.resolve(List.of("exact_match:mode")))
        .isInstanceOf(PrismUserException.class)
        .hasMessage("unknown metric 'exact_match:mode'");
  }

  @Test
  void unknownNameSuggestsTheClosest() {
    assertThatThrownBy(() -> registry.resolve(List.of("exact_match", "exact_mtch")))
        .isInstanceOfSatisfying(
            PrismUserException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("unknown metric 'exact_mtch'");
              assertThat(e.hint()).isEqualTo("Did you mean 'exact_match'?");
            });
    assertThatThrownBy(() -> registry.resolve(List.of("bleurgh_42_xyz")))
        .isInstanceOfSatisfying(
            PrismUserException.class,
            e -> assertThat(e.hint()).isEqualTo("Run 'prism list metrics' to see the valid names"));
  }

  @Test
  void extraFamiliesFollowTheStandardOnes() {
    MetricRegistry custom =
        MetricRegistry.of(List.of(new Fake("a", "zeta"), new Fake("b", "alpha")));
    assertThat(custom.families()).endsWith("efficiency", "alpha", "zeta");
    assertThat(custom.resolve(List.of("zeta"))).extracting(Metric::id).containsExactly("a");
  }

  @Test
  void rejectsDuplicateIdsNamingBothClasses() {
    assertThatThrownBy(() -> MetricRegistry.of(List.of(new Fake("x", "bias"), new Other("x"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            "duplicate metric id 'x': provided by both "
                + Fake.class.getName()
                + " and "
                + Other.class.getName());
    assertThatThrownBy(() -> MetricRegistry.of(List.of(new Fake(" ", "bias"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank metric id");
  }

  @Test
  void duplicateProviderOnTheClasspathIsRejected(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = loaderWithServices(dir, DuplicateExactMatch.class.getName())) {
      assertThatThrownBy(() -> MetricRegistry.load(loader))
          .isInstanceOf(PrismUserException.class)
          .hasMessageContaining("duplicate metric id 'exact_match'")
          .hasMessageContaining("dev.prism.metrics.accuracy.ExactMatch")
          .hasMessageContaining(DuplicateExactMatch.class.getName());
    }
  }

  @Test
  void brokenProvidersAreReportedAndTheOthersKept(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        loaderWithServices(
            dir,
            "dev.prism.metrics.NoSuchMetric",
            ExplodingMetric.class.getName(),
            BlankIdMetric.class.getName(),
            GoodPluginMetric.class.getName())) {
      MetricRegistry loaded = MetricRegistry.load(loader);
      assertThat(loaded.all())
          .extracting(Metric::id)
          .containsAll(ALL_IDS)
          .contains("good_plugin")
          .hasSize(ALL_IDS.size() + 1);
      assertThat(loaded.problems()).hasSize(3);
      assertThat(loaded.problems().get(0)).contains("dev.prism.metrics.NoSuchMetric");
      assertThat(loaded.problems().get(1))
          .contains(ExplodingMetric.class.getName())
          .contains("no network in tests");
      assertThat(loaded.problems().get(2))
          .isEqualTo(BlankIdMetric.class.getName() + ": blank metric id");
    }
  }

  private static URLClassLoader loaderWithServices(Path dir, String... providers)
      throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(Metric.class.getName()), String.join("\n", providers) + "\n");
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, MetricRegistryTests.class.getClassLoader());
  }

  /** A metric with a given id and family that scores nothing. */
  record Fake(String id, String family) implements Metric {
    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of();
    }
  }

  /** Another class claiming an id. */
  record Other(String id) implements Metric {
    @Override
    public String family() {
      return "bias";
    }

    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of();
    }
  }

  /** A plugin provider whose id clashes with a built-in. */
  public static final class DuplicateExactMatch implements Metric {
    @Override
    public String id() {
      return "exact_match";
    }

    @Override
    public String family() {
      return "accuracy";
    }

    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of();
    }
  }

  /** A plugin provider whose constructor fails. */
  public static final class ExplodingMetric implements Metric {
    public ExplodingMetric() {
      throw new IllegalStateException("no network in tests");
    }

    @Override
    public String id() {
      return "exploding";
    }

    @Override
    public String family() {
      return "toxicity";
    }

    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of();
    }
  }

  /** A plugin provider with a blank id. */
  public static final class BlankIdMetric implements Metric {
    @Override
    public String id() {
      return "";
    }

    @Override
    public String family() {
      return "bias";
    }

    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of();
    }
  }

  /** A working plugin provider listed after the broken ones. */
  public static final class GoodPluginMetric implements Metric {
    @Override
    public String id() {
      return "good_plugin";
    }

    @Override
    public String family() {
      return "efficiency";
    }

    @Override
    public List<Stat> evaluate(RequestOutcome outcome) {
      return List.of(Stat.of("good_plugin", 1));
    }
  }
}
