package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars end to end: the example plugin project under {@code examples/} is compiled and jarred
 * here (no Maven), dropped into a folder, listed and run; broken and clashing jars are reported.
 */
class PluginTests {
  private static final String SCENARIO = "acme/word_reverse";

  /** The example plugin, compiled once for the class. */
  @TempDir static Path built;

  private static Path builtJar;

  @TempDir Path dir;
  private Path plugins;
  private Path exampleJar;

  @BeforeAll
  static void buildExample() throws IOException {
    builtJar = PluginJarBuilder.example(built.resolve("work")).build(built.resolve("example.jar"));
  }

  @BeforeEach
  void dropExampleIntoAPluginsFolder() throws IOException {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    exampleJar = Files.copy(builtJar, plugins.resolve("word-reverse.jar"));
  }

  @Test
  void exampleJarIsListedWithItsJarAndRunsAgainstAnOfflineModel() throws SQLException {
    Cli list = Cli.run("list", "scenarios", "--plugins", plugins.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.err()).isEmpty();
    assertThat(list.out())
        .containsPattern(
            "acme/word_reverse +Spell a word backwards \\(example plugin\\)  \\["
                + java.util.regex.Pattern.quote(exampleJar.toString())
                + "]")
        .contains("prism/arithmetic");
    assertThat(Cli.run("list", "metrics", "--plugins", plugins.toString()).out())
        .contains("char_accuracy");

    Path out = dir.resolve("out");
    Cli run =
        Cli.run(
            "run",
            SCENARIO + ":model=simple/echo",
            "--plugins",
            plugins.toString(),
            "--no-report",
            "--output",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("exact_match=0.300");
    // simple/echo repeats the word: right for the 3 palindromes among the 10 test words, and
    // char_accuracy gives partial credit (stone→enots 0.2, apple 0.2, moon 0.5, bread 0.2).
    assertThat(testMeans(out))
        .containsEntry("exact_match", 0.3)
        .containsEntry("char_accuracy", 0.41);
  }

  @Test
  void aModelAdapterFromAPluginJarServesADeployment() throws Exception {
    new PluginJarBuilder(dir.resolve("build-adapter"))
        .source(
            "com.acme.Reverser",
            """
            package com.acme;

            import dev.prism.core.Completion;
            import dev.prism.core.Deployment;
            import dev.prism.core.ModelAdapter;
            import dev.prism.core.ModelClient;
            import dev.prism.core.RequestResult;
            import java.util.List;

            public final class Reverser implements ModelAdapter {
              @Override
              public String kind() {
                return "acme-reverser";
              }

              @Override
              public String description() {
                return "Answers with the input spelled backwards";
              }

              @Override
              public ModelClient connect(Deployment deployment) {
                return state -> {
                  String word = state.instance().input().strip();
                  String reversed = new StringBuilder(word).reverse().toString();
                  return RequestResult.success(List.of(Completion.ofText(reversed)), 0);
                };
              }
            }
            """)
        .resource("META-INF/services/dev.prism.core.ModelAdapter", "com.acme.Reverser\n")
        .build(plugins.resolve("reverser.jar"));
    Path models =
        Files.writeString(
            dir.resolve("models.yaml"),
            "model_deployments:\n  - name: acme/reverser\n    adapter: acme-reverser\n"
                + "    model: reverser\n    max_sequence_length: 2048\n");
    Cli list =
        Cli.run("list", "models", "--models", models.toString(), "--plugins", plugins.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("acme/reverser").contains("acme-reverser");

    Path out = dir.resolve("out");
    Cli run =
        Cli.run(
            "run",
            SCENARIO + ":model=acme/reverser",
            "--models",
            models.toString(),
            "--plugins",
            plugins.toString(),
            "--no-report",
            "--output",
            out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(testMeans(out))
        .containsEntry("exact_match", 1.0)
        .containsEntry("char_accuracy", 1.0);
  }

  @Test
  void brokenJarsAreReportedAndTheOthersStillLoad() throws IOException {
    Files.write(plugins.resolve("garbage.jar"), PluginJarBuilder.notAZip());
    new PluginJarBuilder(dir.resolve("build-broken"))
        .scenario(
            "com.acme.Boom",
            "acme/boom",
            "throw new IllegalStateException(\"no licence key for the boom dataset\");")
        .resource("META-INF/services/dev.prism.core.Scenario", "com.acme.Missing\ncom.acme.Boom\n")
        .build(plugins.resolve("broken.jar"));
    Files.writeString(plugins.resolve("notes.txt"), "not a jar, ignored");

    Cli list = Cli.run("list", "scenarios", "--plugins", plugins.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(SCENARIO);
    Path broken = plugins.resolve("broken.jar");
    assertThat(list.err().lines())
        .containsExactly(
            "prism: warning: plugin "
                + plugins.resolve("garbage.jar")
                + ": not a readable jar (zip) file (zip END header not found); the jar is skipped",
            "prism: warning: scenario plugin: " + broken + ": provider com.acme.Missing not found",
            "prism: warning: scenario plugin: "
                + broken
                + ": provider com.acme.Boom could not be instantiated"
                + " (java.lang.IllegalStateException: no licence key for the boom dataset)");

    Cli run =
        Cli.run(
            "run",
            "acme/boom:model=simple/echo",
            "--plugins",
            plugins.toString(),
            "--output",
            dir.resolve("out").toString());
    assertThat(run.exit()).isEqualTo(2);
    String error = run.err().lines().filter(l -> l.startsWith("prism: error:")).findFirst().get();
    assertThat(error)
        .startsWith("prism: error: unknown scenario 'acme/boom'")
        .contains("2 scenario plugins failed to load")
        .contains(broken + ": provider com.acme.Boom could not be instantiated")
        .contains("no licence key for the boom dataset");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void twoJarsWithTheSameScenarioIdAreAUserErrorNamingBoth() throws IOException {
    Path copy = Files.copy(exampleJar, plugins.resolve("word-reverse-copy.jar"));
    Cli list = Cli.run("list", "scenarios", "--plugins", plugins.toString());
    assertThat(list.exit()).isEqualTo(2);
    assertThat(list.err())
        .isEqualTo(
            "prism: error: scenario id 'acme/word_reverse' is provided twice: by "
                + copy // jars load in file-name order, and '-' sorts before '.'
                + " (com.example.prism.wordreverse.WordReverseScenario) and by "
                + exampleJar
                + " (com.example.prism.wordreverse.WordReverseScenario). Remove one of the two"
                + " from the plugins folder, or give one scenario another id"
                + System.lineSeparator());
  }

  @Test
  void aPluginTakingABuiltInIdOrMetricIdIsAUserError() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Path squatter =
        new PluginJarBuilder(dir.resolve("build-squatter"))
            .scenario("com.acme.Arithmetic", "prism/arithmetic", "")
            .resource("META-INF/services/dev.prism.core.Scenario", "com.acme.Arithmetic\n")
            .build(other.resolve("squatter.jar"));
    Cli run =
        Cli.run("run", "prism/arithmetic:model=simple/echo", "--plugins", squatter.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "prism: error: scenario id 'prism/arithmetic' is provided twice: by Prism's built-in"
                + " scenarios (dev.prism.scenarios.builtin.ArithmeticScenario) and by "
                + squatter
                + " (com.acme.Arithmetic)");

    Path metricJar =
        new PluginJarBuilder(dir.resolve("build-metric"))
            .source(
                "com.acme.Em",
                """
                package com.acme;

                import dev.prism.core.Metric;
                import dev.prism.core.RequestOutcome;
                import dev.prism.core.Stat;
                import java.util.List;

                public final class Em implements Metric {
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
                """)
            .resource("META-INF/services/dev.prism.core.Metric", "com.acme.Em\n")
            .build(other.resolve("metric.jar"));
    Cli metrics = Cli.run("list", "metrics", "--plugins", metricJar.toString());
    assertThat(metrics.exit()).isEqualTo(2);
    assertThat(metrics.err())
        .contains("metric id 'exact_match' is provided twice: by Prism's built-in metrics")
        .contains("and by " + metricJar + " (com.acme.Em)");
  }

  @Test
  void aPluginsFolderGivenExplicitlyMustExist() {
    Path missing = dir.resolve("no-such-folder");
    Cli cli = Cli.run("list", "scenarios", "--plugins", missing.toString());
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err())
        .startsWith("prism: error: plugins folder '" + missing + "' not found. Create it");
    Cli notAJar =
        Cli.run(
            "run",
            "x:model=simple/echo",
            "--plugins",
            PluginJarBuilder.EXAMPLE.resolve("pom.xml").toString());
    assertThat(notAJar.exit()).isEqualTo(2);
    assertThat(notAJar.err()).contains("is neither a folder nor a .jar file");
  }

  @Test
  void pluginsFolderIsRepeatableAndAJarFileWorksToo() throws IOException {
    Path second = Files.createDirectories(dir.resolve("second"));
    Cli cli =
        Cli.run(
            "list",
            "scenarios",
            "--plugins",
            second.toString(),
            "--plugins",
            exampleJar.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    assertThat(cli.out()).contains(SCENARIO);
  }

  /** Means of the test-split, unperturbed stats of the only run, rounded to 3 decimals. */
  private static Map<String, Double> testMeans(Path out) throws SQLException {
    Map<String, Double> stats = new LinkedHashMap<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + out.toAbsolutePath().resolve("prism"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, mean FROM stat WHERE split = 'test' AND sub_split IS NULL"
                    + " AND perturbation_json IS NULL ORDER BY name")) {
      while (rs.next()) {
        stats.put(rs.getString(1), Math.round(rs.getDouble(2) * 1000) / 1000.0);
      }
    }
    return stats;
  }
}
