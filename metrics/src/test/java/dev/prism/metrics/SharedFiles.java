package dev.prism.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds files under {@code shared/} by walking up from {@code user.dir}; skips when absent. */
public final class SharedFiles {
  /** HELM's test vectors. */
  public static final String VECTORS = "shared/reference/helm-test-vectors.json";

  private SharedFiles() {}

  /** The file at {@code relative} under user.dir or an ancestor; skips the test when absent. */
  public static Path find(String relative) {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    assumeTrue(false, () -> relative + " not found in " + cwd + " or above; skipping");
    throw new AssertionError("unreachable");
  }

  /**
   * The folders of the real HELM runs ({@code shared/reference/helm-runs}) that hold a {@code
   * scenario_state.json} and {@code file}, sorted; skips when absent.
   */
  public static List<Path> helmRuns(String file) throws IOException {
    Path root = find("shared/reference/helm-runs");
    try (java.util.stream.Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.getFileName().toString().equals("scenario_state.json"))
          .map(Path::getParent)
          .filter(d -> Files.exists(d.resolve(file)))
          .sorted()
          .toList();
    }
  }

  /** The JSON at {@code relative}; skips when absent. */
  public static JsonNode json(String relative) throws IOException {
    return new ObjectMapper().readTree(find(relative).toFile());
  }

  /** The vectors whose {@code metric} starts with {@code prefix}; skips when the file is absent. */
  public static List<JsonNode> vectors(String prefix) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode node : json(VECTORS)) {
      if (node.get("metric").asText().startsWith(prefix)) {
        out.add(node);
      }
    }
    return out;
  }
}
