package dev.prism.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PluginSource;
import dev.prism.core.PrismUserException;
import dev.prism.core.Scenario;
import dev.prism.scenarios.builtin.ArithmeticScenario;
import dev.prism.scenarios.declarative.DeclarativeScenario;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRegistryTests {
  private static final String JSONL =
      "{\"input\": {\"text\": \"q\"}, \"references\": [{\"output\": {\"text\": \"a\"}, \"tags\":"
          + " [\"correct\"]}], \"split\": \"test\"}\n";

  @TempDir Path dir;

  @Test
  void builtInsAreSortedAndLoadCleanly() {
    ScenarioRegistry registry = ScenarioRegistry.load();
    assertThat(registry.builtIns())
        .extracting(Scenario::id)
        .filteredOn(id -> !id.startsWith("helm/")) // HELM's scenarios: see helm/*Tests
        .containsExactly("prism/arithmetic", "prism/mini_mcqa");
    assertThat(registry.builtIns()).extracting(Scenario::id).contains("helm/mmlu");
    assertThat(registry.problems()).isEmpty();
  }

  @Test
  void resolvesIdsShortNamesAndFiles() throws IOException {
    ScenarioRegistry registry = ScenarioRegistry.load();
    assertThat(registry.resolve("prism/arithmetic")).isInstanceOf(ArithmeticScenario.class);
    assertThat(registry.resolve("arithmetic")).isInstanceOf(ArithmeticScenario.class);
    assertThat(registry.resolve("mini_mcqa").id()).isEqualTo("prism/mini_mcqa");

    Files.writeString(dir.resolve("capitals.jsonl"), JSONL);
    Path yaml = dir.resolve("capitals.yaml");
    Files.writeString(yaml, "name: acme/capitals\ninstances: capitals.jsonl\n");
    Path yml = dir.resolve("other.YML");
    Files.writeString(yml, "name: acme/other\ninstances: capitals.jsonl\n");

    assertThat(registry.resolve(yaml.toString()))
        .isInstanceOf(DeclarativeScenario.class)
        .extracting(Scenario::id)
        .isEqualTo("acme/capitals");
    assertThat(registry.resolve(yml.toString()).id()).isEqualTo("acme/other");
    assertThat(registry.resolve(dir.resolve("capitals.jsonl").toString()).id())
        .isEqualTo("capitals");
  }

  @Test
  void unknownNamesGetSuggestions() {
    ScenarioRegistry registry = ScenarioRegistry.load();
    assertUserError(
        () -> registry.resolve("arithmetc"),
        "unknown scenario 'arithmetc'",
        "Did you mean 'arithmetic'?");
    assertUserError(
        () -> registry.resolve("prism/arithmetc"),
        "unknown scenario 'prism/arithmetc'",
        "Did you mean 'prism/arithmetic'?");
    assertUserError(
        () -> registry.resolve("mini"),
        "unknown scenario 'mini'",
        "Did you mean 'prism/mini_mcqa'?");
    assertUserError(
        () -> registry.resolve("zzzzzzzzzz"),
        "unknown scenario 'zzzzzzzzzz'",
        "Run 'prism list scenarios' to see the valid names");
  }

  @Test
  void missingAndUnsupportedFilesAreNamed() throws IOException {
    ScenarioRegistry registry = ScenarioRegistry.load();
    Path missing = dir.resolve("nope.yaml");
    assertUserError(
        () -> registry.resolve(missing.toString()),
        "scenario file '" + missing + "' not found",
        "Check the path");
    Path missingJsonl = dir.resolve("nope.jsonl");
    assertUserError(
        () -> registry.resolve(missingJsonl.toString()),
        "scenario file '" + missingJsonl + "' not found",
        "Check the path");
    Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n");
    assertUserError(
        () -> registry.resolve(csv.toString()),
        "'" + csv + "' is not a scenario file",
        ".yaml or .yml");
  }

  @Test
  void badProvidersAreIsolatedAndReported() throws IOException {
    String fakes = FakeScenarios.class.getName();
    ScenarioRegistry registry =
        ScenarioRegistry.load(
            loaderWithProviders(
                fakes + "$OtherArithmetic",
                fakes + "$DuplicateArithmetic",
                fakes + "$Blank",
                fakes + "$Broken",
                "acme.fake.MissingScenario",
                "acme.fake.SquatterScenario"));

    assertThat(registry.builtIns())
        .extracting(Scenario::id)
        .filteredOn(id -> !id.startsWith("helm/"))
        .containsExactly("acme/arithmetic", "prism/arithmetic", "prism/mini_mcqa", "prism/squat");
    assertThat(registry.resolve("prism/arithmetic")).isInstanceOf(ArithmeticScenario.class);
    assertThat(registry.problems())
        .hasSize(5)
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "scenario provider "
                            + fakes
                            + "$DuplicateArithmetic skipped: id 'prism/arithmetic' is already"
                            + " taken by "
                            + ArithmeticScenario.class.getName()))
        .anySatisfy(p -> assertThat(p).contains(fakes + "$Blank skipped: blank id"))
        .anySatisfy(p -> assertThat(p).contains(fakes + "$Broken"))
        .anySatisfy(p -> assertThat(p).contains("acme.fake.MissingScenario"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("acme.fake.SquatterScenario uses the reserved namespace 'prism/'"));
  }

  @Test
  void ambiguousShortNamesListTheCandidates() throws IOException {
    ScenarioRegistry registry =
        ScenarioRegistry.load(
            loaderWithProviders(FakeScenarios.class.getName() + "$OtherArithmetic"));
    assertUserError(
        () -> registry.resolve("arithmetic"),
        "scenario name 'arithmetic' is ambiguous",
        "Use the full id: acme/arithmetic, prism/arithmetic");
  }

  @Test
  void pluginSourcesAreNamedInListingsClashesAndUnknownNames() throws IOException {
    String fakes = FakeScenarios.class.getName();
    PluginSource good = pluginWith("good.jar", fakes + "$OtherArithmetic");
    PluginSource broken = pluginWith("broken.jar", fakes + "$Broken");
    ScenarioRegistry registry =
        ScenarioRegistry.load(getClass().getClassLoader(), List.of(good, broken));
    assertThat(registry.pluginSource("acme/arithmetic")).contains("good.jar");
    assertThat(registry.pluginSource("prism/arithmetic")).isEmpty();
    assertThat(registry.problems())
        .containsExactly(
            "broken.jar: provider "
                + fakes
                + "$Broken could not be instantiated (java.lang.IllegalStateException: boom)");
    assertUserError(
        () -> registry.resolve("acme/broken"),
        "unknown scenario 'acme/broken'",
        "Note: a scenario plugin failed to load: broken.jar: provider " + fakes + "$Broken");

    PluginSource again = pluginWith("again.jar", fakes + "$OtherArithmetic");
    assertThatThrownBy(
            () -> ScenarioRegistry.load(getClass().getClassLoader(), List.of(good, again)))
        .isInstanceOf(PrismUserException.class)
        .hasMessage(
            "scenario id 'acme/arithmetic' is provided twice: by good.jar ("
                + fakes
                + "$OtherArithmetic) and by again.jar ("
                + fakes
                + "$OtherArithmetic)");
    PluginSource squatter = pluginWith("squat.jar", fakes + "$DuplicateArithmetic");
    assertThatThrownBy(() -> ScenarioRegistry.load(getClass().getClassLoader(), List.of(squatter)))
        .isInstanceOf(PrismUserException.class)
        .hasMessageStartingWith(
            "scenario id 'prism/arithmetic' is provided twice: by Prism's built-in scenarios ("
                + ArithmeticScenario.class.getName()
                + ") and by squat.jar");
  }

  /**
   * A plugin source whose services file names {@code providers}; like a plugin jar's loader, it
   * does not look for services files in its parent.
   */
  private PluginSource pluginWith(String name, String... providers) throws IOException {
    Path root = dir.resolve(name);
    Path services = Files.createDirectories(root.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(Scenario.class.getName()), String.join("\n", providers) + "\n");
    URLClassLoader loader =
        new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String resource) throws IOException {
            return findResources(resource);
          }
        };
    return new PluginSource(name, loader);
  }

  /** A class loader that sees the test classpath plus a services file naming {@code providers}. */
  private ClassLoader loaderWithProviders(String... providers) throws IOException {
    Path services = dir.resolve("extra/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(Scenario.class.getName()), String.join("\n", providers) + "\n");
    return new URLClassLoader(
        new URL[] {dir.resolve("extra").toUri().toURL()}, getClass().getClassLoader());
  }

  private static void assertUserError(Runnable action, String message, String hint) {
    assertThatThrownBy(action::run)
        .isInstanceOf(PrismUserException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains(hint));
  }
}
