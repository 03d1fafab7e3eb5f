package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HELM's {@code inference_idealized_runtime} and {@code inference_denoised_runtime} in {@code prism
 * run}: from inline coefficients in models.yaml, from HELM's tables named by {@code
 * efficiency_profile}, or skipped with a reason that says how to get a profile.
 */
class RuntimeProfilesEndToEndTests {
  private static final String ENTRY = "prism/arithmetic:model=local/calc";

  /** Tables in the format of HELM's efficiency_data files, with made-up numbers. */
  private static final String IDEALIZED_TABLE =
      """
      {
        "test/calc": {
          "runtime_per_output_token": 0.5,
          "runtime_for_prompt_tokens": {"1": 0.01, "100000": 3.0}
        }
      }
      """;

  private static final String DENOISED_TABLE =
      """
      {
        "test/calc": {
          "runtime_per_output_token": 0.25,
          "runtime_for_prompt_tokens": {"100000": 1.0},
          "overhead": 0.75
        }
      }
      """;

  /** HELM's training_efficiency.json format, made-up numbers; no carbon value for test/calc. */
  private static final String TRAINING_TABLE =
      """
      {
          "energy" : {
              "test/calc": {"value" : 3.5, "description": "made up"}
          },
          "carbon" : {
              "test/other": {"value" : 1.25, "description": "made up"}
          }
      }
      """;

  @TempDir Path dir;

  private Path models(String extra) throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(
        models,
        "model_deployments:\n  - name: local/calc\n    adapter: simple\n    model: calculator\n"
            + "    max_sequence_length: 4096\n"
            + extra);
    return models;
  }

  private Cli run(Path models, Path data, Path out) {
    return Cli.run(
        "run",
        ENTRY,
        "--models",
        models.toString(),
        "--data-dir",
        data.toString(),
        "--no-report",
        "--output",
        out.toString());
  }

  private static List<String> column(String url, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String efficiencyReason(String url) throws SQLException {
    return column(url, "SELECT reason FROM run_family WHERE family = 'efficiency'").get(0);
  }

  /**
   * HELM's estimate averaged over the run, by hand: with one tabulated prompt size k above every
   * prompt, every request's prompt time is T[k]·n/k, so the mean is T[k]·mean(n)/k +
   * perToken·(mean(out) − 1) + overhead (every answer of the calculator has at least one token).
   */
  private static double byHand(String url, double tk, double k, double perToken, double overhead)
      throws SQLException {
    double prompt = Stores.mean(url, "num_prompt_tokens", "test");
    double output = Stores.mean(url, "num_output_tokens", "test");
    assertThat(prompt).isPositive().isLessThan(k);
    assertThat(output).isGreaterThanOrEqualTo(1.0);
    return tk * prompt / k + perToken * (output - 1) + overhead;
  }

  @Test
  void inlineCoefficientsGiveBothStats() throws Exception {
    Path models =
        models(
            """
                inference_idealized_runtime:
                  runtime_per_output_token: 0.5
                  runtime_for_prompt_tokens: {100000: 3.0}
                inference_denoised_runtime:
                  runtime_per_output_token: 0.25
                  runtime_for_prompt_tokens: {100000: 1.0}
                  overhead: 0.75
                training_co2_cost: 552.2
                training_energy_cost: 1287.1
            """);
    Path out = dir.resolve("out");
    Cli cli = run(models, dir.resolve("no-data"), out);
    assertThat(cli.exit()).as(cli.err()).isZero();
    String url = Stores.url(out);
    assertThat(Stores.mean(url, "inference_idealized_runtime", "test"))
        .isCloseTo(byHand(url, 3.0, 100000, 0.5, 0.0), within(1e-9));
    assertThat(Stores.mean(url, "inference_denoised_runtime", "test"))
        .isCloseTo(byHand(url, 1.0, 100000, 0.25, 0.75), within(1e-9));
    // the mean of equal values, summed then divided as HELM's Stat does: equal up to rounding
    assertThat(Stores.mean(url, "training_co2_cost", "test")).isCloseTo(552.2, within(1e-9));
    assertThat(Stores.mean(url, "training_energy_cost", "test")).isCloseTo(1287.1, within(1e-9));
    assertThat(efficiencyReason(url)).isNull();
  }

  @Test
  void aHelmProfileIsReadFromTheDownloadedTablesAndInlineCoefficientsComeFirst() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("efficiency_tables"));
    Files.writeString(
        data.resolve("efficiency_tables/inference_idealized_runtimes.json"), IDEALIZED_TABLE);
    Files.writeString(
        data.resolve("efficiency_tables/inference_denoised_runtimes.json"), DENOISED_TABLE);
    Files.writeString(data.resolve("efficiency_tables/training_efficiency.json"), TRAINING_TABLE);
    // Present already: 'prism download efficiency_tables' knows the name and fetches nothing.
    Cli download = Cli.run("download", "efficiency_tables", "--data-dir", data.toString());
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(download.out()).contains("0 files downloaded, 1 scenarios ready");

    Path models =
        models(
            """
                efficiency_profile: test/calc
                inference_denoised_runtime:
                  runtime_per_output_token: 0.125
                  runtime_for_prompt_tokens: {50000: 2.0}
            """);
    Path out = dir.resolve("out");
    Cli cli = run(models, data, out);
    assertThat(cli.exit()).as(cli.err()).isZero();
    String url = Stores.url(out);
    // idealized from HELM's table (k* = 100000 for every prompt), denoised inline
    assertThat(Stores.mean(url, "inference_idealized_runtime", "test"))
        .isCloseTo(byHand(url, 3.0, 100000, 0.5, 0.0), within(1e-9));
    assertThat(Stores.mean(url, "inference_denoised_runtime", "test"))
        .isCloseTo(byHand(url, 2.0, 50000, 0.125, 0.0), within(1e-9));
    // HELM's table has test/calc's energy but no carbon value: that stat is left out, saying so
    assertThat(Stores.mean(url, "training_energy_cost", "test")).isCloseTo(3.5, within(1e-9));
    assertThat(column(url, "SELECT name FROM stat WHERE name = 'training_co2_cost'")).isEmpty();
    assertThat(column(url, "SELECT note FROM run_note"))
        .anySatisfy(
            n ->
                assertThat(n).contains("local/calc has no training_co2_cost").contains("left out"));
  }

  @Test
  void trainingCostsHelmDidNotEstimateAreSkippedSayingHowToGiveThem() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("efficiency_tables"));
    Files.writeString(
        data.resolve("efficiency_tables/inference_idealized_runtimes.json"), IDEALIZED_TABLE);
    Files.writeString(
        data.resolve("efficiency_tables/inference_denoised_runtimes.json"), DENOISED_TABLE);
    Path out = dir.resolve("out");
    Cli cli = run(models("    efficiency_profile: test/calc\n"), data, out);
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(efficiencyReason(Stores.url(out)))
        .isEqualTo(
            "partly computed: training_costs skipped: deployment local/calc names HELM's"
                + " efficiency profile 'test/calc', but HELM's training_efficiency.json is not in "
                + data.resolve("efficiency_tables")
                + "; run: prism download efficiency_tables");

    Files.writeString(data.resolve("efficiency_tables/training_efficiency.json"), TRAINING_TABLE);
    Path out2 = dir.resolve("out2");
    Cli other = run(models("    efficiency_profile: test/calc\n"), data, out2);
    assertThat(other.exit()).as(other.err()).isZero();
    assertThat(efficiencyReason(Stores.url(out2))).isNull();
    Files.writeString(
        data.resolve("efficiency_tables/training_efficiency.json"),
        TRAINING_TABLE.replace("test/calc", "test/third"));
    Path out3 = dir.resolve("out3");
    Cli none = run(models("    efficiency_profile: test/calc\n"), data, out3);
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(efficiencyReason(Stores.url(out3)))
        .contains("training_efficiency.json has no entry for it")
        .contains("give training_co2_cost / training_energy_cost in models.yaml");
  }

  @Test
  void withoutTheTablesTheStatsAreSkippedSayingHowToGetThem() throws Exception {
    Path data = dir.resolve("no-data");
    Path out = dir.resolve("out");
    Cli cli = run(models("    efficiency_profile: test/calc\n"), data, out);
    assertThat(cli.exit()).as(cli.err()).isZero();
    String url = Stores.url(out);
    String reason =
        "deployment local/calc names HELM's efficiency profile 'test/calc', but HELM's runtime"
            + " tables are not in "
            + data.resolve("efficiency_tables")
            + "; run: prism download efficiency_tables";
    assertThat(efficiencyReason(url)).contains(reason);
    assertThat(column(url, "SELECT name FROM stat WHERE name LIKE 'inference_%'"))
        .isNotEmpty()
        .allMatch(n -> n.equals("inference_runtime"));

    Path out2 = dir.resolve("out2");
    Cli plain = run(models(""), data, out2);
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(efficiencyReason(Stores.url(out2)))
        .contains("no efficiency profile for deployment local/calc")
        .contains("inference_idealized_runtime / inference_denoised_runtime coefficients")
        .contains("prism download efficiency_tables")
        .contains(
            "training_costs skipped: no training costs for deployment local/calc: give it"
                + " training_co2_cost (tons of CO2) / training_energy_cost (MWh) in models.yaml");
  }

  @Test
  void aProfileNameHelmDidNotProfileIsAUserError() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("efficiency_tables"));
    Files.writeString(
        data.resolve("efficiency_tables/inference_idealized_runtimes.json"), IDEALIZED_TABLE);
    Files.writeString(
        data.resolve("efficiency_tables/inference_denoised_runtimes.json"), DENOISED_TABLE);
    Path out = dir.resolve("out");
    Cli cli = run(models("    efficiency_profile: test/calk\n"), data, out);
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err())
        .contains("deployment 'local/calc': efficiency_profile 'test/calk' is in neither of HELM's")
        .contains("Did you mean 'test/calc'?");
  }
}
