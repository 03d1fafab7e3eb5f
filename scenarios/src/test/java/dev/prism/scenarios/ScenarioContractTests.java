package dev.prism.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.scenarios.helm.DataRequirements;
import dev.prism.scenarios.helm.HelmFixtures;
import dev.prism.scenarios.io.InstanceJson;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Scenario} found by {@link ServiceLoader} must keep. Scenarios that read
 * downloaded data ({@link DataRequirements}) run against their fixture folder with the arguments in
 * {@link HelmFixtures#ARGS}, and must fail with the missing-data error on an empty folder.
 */
class ScenarioContractTests {
  private static final ScenarioContext NO_ARGS = new ScenarioContext(Map.of(), Path.of("."));

  private static ScenarioContext context(Scenario scenario) {
    if (!(scenario instanceof DataRequirements)) {
      return NO_ARGS;
    }
    Map<String, String> args = HelmFixtures.ARGS.get(scenario.id());
    if (args == null) {
      return Assertions.fail("no fixture arguments for " + scenario.id() + " in HelmFixtures.ARGS");
    }
    return new ScenarioContext(args, HelmFixtures.dataDir());
  }

  private static PromptFormat format(Scenario scenario) {
    return scenario.promptFormat(context(scenario));
  }

  static Stream<Scenario> dataScenarios() {
    return scenarios().filter(s -> s instanceof DataRequirements);
  }

  static Stream<Scenario> scenarios() {
    return ServiceLoader.load(Scenario.class).stream().map(ServiceLoader.Provider::get);
  }

  @Test
  void thereAreProvidersAndTheirIdsAreUnique() {
    List<String> ids = scenarios().map(Scenario::id).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void idIsNamespacedAndDescribed(Scenario scenario) {
    assertThat(scenario.id()).isNotBlank().matches("[^/\\s]+/[^/\\s]+");
    assertThat(scenario.description()).isNotBlank();
    assertThat(scenario.mainMetric()).isNotBlank();
    assertThat(scenario.metrics()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("dataScenarios")
  void missingDataIsAUserErrorWithTheDownloadCommand(Scenario scenario) {
    DataRequirements needs = (DataRequirements) scenario;
    assertThat(needs.dataName()).matches("[a-z0-9_]+");
    assertThat(needs.dataFiles()).isNotEmpty();
    ScenarioContext empty =
        new ScenarioContext(context(scenario).args(), Path.of("target", "no-data-here"));
    PrismUserException e =
        Assertions.assertThrows(PrismUserException.class, () -> scenario.instances(empty));
    assertThat(e.getMessage())
        .startsWith("scenario '" + needs.dataName() + "' needs data file ")
        .endsWith(", which is missing");
    assertThat(e.hint()).isEqualTo("Run: prism download " + needs.dataName());
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void instancesAreWellFormed(Scenario scenario) {
    List<Instance> instances = scenario.instances(context(scenario));
    assertThat(instances).isNotEmpty();
    assertThat(instances).anyMatch(i -> i.split().isEval());
    Set<List<Object>> keys = new HashSet<>();
    for (Instance instance : instances) {
      String perturbation = instance.perturbation() == null ? "" : instance.perturbation().name();
      assertThat(keys.add(List.of(instance.id(), instance.split(), perturbation)))
          .as("id %s unique per split and perturbation", instance.id())
          .isTrue();
      if (instance.split().isEval()) {
        assertThat(instance.correctReferences())
            .as("correct reference of %s", instance.id())
            .isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void instancesAreDeterministicAndRoundTripThroughJson(Scenario scenario) {
    List<Instance> first = scenario.instances(context(scenario));
    assertThat(scenario.instances(context(scenario))).isEqualTo(first);
    List<Instance> copied = new ArrayList<>();
    first.forEach(i -> copied.add(InstanceJson.fromJson(InstanceJson.toJson(i))));
    assertThat(copied).isEqualTo(first);
  }

  /**
   * Every default format is planned: one request per eval instance and trial, or for {@code
   * ranking_binary} (MS MARCO) one per reference of each eval instance and trial.
   */
  @ParameterizedTest
  @MethodSource("scenarios")
  void defaultPromptFormatCanBePlanned(Scenario scenario) {
    PromptFormat format = format(scenario);
    List<Instance> instances = scenario.instances(context(scenario));
    long eval =
        instances.stream()
            .filter(i -> i.split().isEval())
            .mapToLong(
                i -> format.method() == PromptMethod.RANKING_BINARY ? i.references().size() : 1)
            .sum();
    assertThat(RequestPlanner.plan(instances, format, "test/model"))
        .hasSize((int) (eval * (format.maxTrainInstances() == 0 ? 1 : format.numTrainTrials())));
  }
}
