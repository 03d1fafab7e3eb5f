package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListTests {
  @Test
  void listsBuiltInScenariosModelsAndMetrics() {
    Cli scenarios = Cli.run("list", "scenarios");
    assertThat(scenarios.exit()).isZero();
    assertThat(scenarios.out()).contains("prism/arithmetic").contains("prism/mini_mcqa");
    Cli models = Cli.run("list", "models");
    assertThat(models.exit()).isZero();
    assertThat(models.out())
        .contains("simple/calculator")
        .contains("simple/echo")
        .contains("simple/random")
        .contains("replay");
    Cli metrics = Cli.run("list", "metrics");
    assertThat(metrics.exit()).isZero();
    assertThat(metrics.out())
        .contains("exact_match")
        .contains("quasi_exact_match")
        .contains("f1_score")
        .contains("family=accuracy");
  }

  @Test
  void unknownListTargetIsAUsageError() {
    Cli cli = Cli.run("list", "modles");
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err()).startsWith("prism: error:");
  }
}
