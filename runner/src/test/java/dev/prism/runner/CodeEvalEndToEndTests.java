package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prism.metrics.code.PythonSandbox;
import dev.prism.testkit.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm/humaneval} through the CLI on the scenario's fixture (add, concat, subtract) against
 * a loopback model that answers every prompt with {@code return a + b}: the programs run in python3
 * (skipped where it is missing) and two of the three pass.
 */
class CodeEvalEndToEndTests {
  private static final Path DATA =
      Path.of("../scenarios/src/test/resources/helm").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void passAtOneIsTheShareOfProblemsWhoseTestsPass() throws Exception {
    PythonSandbox.Availability python = PythonSandbox.shared();
    assumeTrue(
        python.sandbox() != null || !python.problem().startsWith("python3 was not found"),
        "python3 is not on PATH; skipped");
    assertThat(python.problem()).isNull();
    FakeProvider.Config answer =
        new FakeProvider.Config(0, 0, 0, List.of(), 0, 0, " return a + b\n");
    try (FakeProvider provider = FakeProvider.start(answer)) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(models, provider.modelsYaml("local/fake"));
      Path out = dir.resolve("out");

      Cli cli =
          Cli.run(
              "run",
              "helm/humaneval:model=local/fake",
              "--models",
              models.toString(),
              "--data-dir",
              DATA.toString(),
              "--output",
              out.toString());

      assertThat(cli.exit()).as(cli.err()).isZero();
      String url = Stores.url(out);
      assertThat(Stores.mean(url, "pass", "test")).isEqualTo(2.0 / 3);
      assertThat(Stores.mean(url, "code_eval_acc", "test")).isEqualTo(2.0 / 3);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT prompt FROM request ORDER BY seq")) {
        assertThat(rs.next()).isTrue();
        // HELM's completion prompt: the problem's prompt and nothing else.
        assertThat(rs.getString(1))
            .startsWith("\n\ndef add(a: int, b: int) -> int:")
            .endsWith("    \"\"\"\n");
      }
      // Each completion's verdict is kept with the instance and shown in the instance browser.
      assertThat(annotations(url))
          .hasSize(3)
          .filteredOn(a -> a.equals("{\"code_eval\":[\"passed\"]}"))
          .hasSize(2);
      assertThat(annotations(url))
          .anySatisfy(a -> assertThat(a).startsWith("{\"code_eval\":[\"failed: AssertionError"));
      String page;
      try (var html = Files.walk(out)) {
        page =
            Files.readString(
                html.filter(p -> p.toString().contains("runs") && p.toString().endsWith(".html"))
                    .findFirst()
                    .orElseThrow());
      }
      assertThat(page)
          .contains("<p class=\"verdict\">passed</p>")
          .contains("<p class=\"verdict\">failed: AssertionError");
    }
  }

  private static List<String> annotations(String url) throws java.sql.SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT annotations_json FROM per_instance_stat")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
