package dev.prism.scenarios.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Instance;
import dev.prism.core.ScenarioContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Fixture data folders (original file formats, under {@code src/test/resources/helm}). */
public final class HelmFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Scenario id → arguments that the fixture data supports; every {@link DataRequirements} scenario
   * needs an entry.
   */
  public static final Map<String, Map<String, String>> ARGS =
      Map.ofEntries(
          Map.entry("helm/mmlu", Map.of("subject", "philosophy")),
          Map.entry("helm/boolq", Map.of()),
          Map.entry("helm/gsm", Map.of()),
          Map.entry("helm/humaneval", Map.of()),
          Map.entry("helm/hellaswag", Map.of()),
          Map.entry("helm/openbookqa", Map.of()),
          Map.entry("helm/truthful_qa", Map.of()),
          Map.entry("helm/bbq", Map.of()),
          Map.entry("helm/imdb", Map.of()),
          Map.entry("helm/raft", Map.of("subset", "ade_corpus_v2")),
          Map.entry("helm/civil_comments", Map.of()),
          Map.entry("helm/narrative_qa", Map.of()),
          Map.entry("helm/natural_qa", Map.of()),
          Map.entry("helm/quac", Map.of()),
          Map.entry("helm/msmarco", Map.of("track", "regular", "valid_topk", "11")),
          Map.entry("helm/summarization_cnndm", Map.of()),
          Map.entry("helm/summarization_xsum", Map.of()),
          Map.entry("helm/summarization_xsum_sampled", Map.of("temperature", "0.3")));

  private HelmFixtures() {}

  /** The data directory holding every fixture ({@code <dataDir>/<dataName>/…}). */
  public static Path dataDir() {
    URL url = HelmFixtures.class.getResource("/helm");
    if (url == null) {
      throw new IllegalStateException("test resource folder /helm is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ScenarioContext context(Map<String, String> args) {
    return new ScenarioContext(args, dataDir());
  }

  static List<String> ids(List<Instance> instances) {
    return instances.stream().map(Instance::id).toList();
  }

  /**
   * The {@code scenario_state.json} of the HELM run folder whose name starts with {@code prefix};
   * skips the test when {@code shared/reference/helm-runs} is absent.
   */
  static JsonNode helmRun(String prefix) throws IOException {
    Optional<Path> readme = findUp(Path.of("shared", "reference", "helm-runs", "README.md"));
    Assumptions.assumeTrue(readme.isPresent(), "shared/reference/helm-runs not found; skipped");
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(readme.get().getParent(), 2)) {
      files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .forEach(p -> found.add(p.resolve("scenario_state.json")));
    }
    Assumptions.assumeTrue(found.size() == 1, "HELM run " + prefix + " not found; skipped");
    return JSON.readTree(found.get(0).toFile());
  }

  private static Optional<Path> findUp(Path relative) {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
