package dev.prism.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.adapters.replay.Prediction;
import dev.prism.adapters.replay.PredictionsFile;
import dev.prism.core.ErrorKind;
import dev.prism.core.Instance;
import dev.prism.core.ModelClient;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAdapterTests {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path p = dir.resolve("preds.jsonl");
    Files.write(p, List.of(lines));
    return p;
  }

  static RequestState state(String id, PerturbationDescription perturbation) {
    Instance i =
        new Instance(id, "q", List.of(Reference.correct("a")), Split.TEST, null, perturbation);
    Request r = new Request("replay/x", "q", 0, 1, 1, 10, List.of(), false, null);
    return new RequestState(i, 0, null, null, r, Map.of(), 0, false);
  }

  @Test
  void readsAllOptionalFields() throws IOException {
    Path p =
        write(
            "{\"instance_id\":\"id3\",\"completions\":[{\"text\":\"B\",\"logprob\":-0.22,"
                + "\"tokens\":[{\"text\":\"B\",\"logprob\":-0.22}]}],\"perturbation\":\"typos\","
                + "\"train_trial_index\":1,\"reference_index\":2,\"request_mode\":\"calibration\","
                + "\"request_time\":0.41}",
            "",
            "{\"instance_id\":\"id4\",\"completions\":[{\"text\":\"C\"}]}");
    Map<Prediction.Key, Prediction> all = PredictionsFile.read(p);
    assertThat(all).hasSize(2);
    Prediction first = all.values().iterator().next();
    assertThat(first.key()).isEqualTo(new Prediction.Key("id3", "typos", 1, 2, "calibration"));
    assertThat(first.completions().get(0).logprob()).isEqualTo(-0.22);
    assertThat(first.completions().get(0).tokens()).hasSize(1);
    assertThat(first.requestTimeSeconds()).isEqualTo(0.41);
  }

  @Test
  void logprobDefaultsToSumOfTokens() throws IOException {
    Path p =
        write(
            "{\"instance_id\":\"a\",\"completions\":[{\"text\":\"xy\",\"tokens\":"
                + "[{\"text\":\"x\",\"logprob\":-1},{\"text\":\"y\",\"logprob\":-0.5}]}]}");
    assertThat(PredictionsFile.read(p).values().iterator().next().completions().get(0).logprob())
        .isEqualTo(-1.5);
  }

  @Test
  void badJsonNamesFileAndLine() throws IOException {
    Path p =
        write(
            "{\"instance_id\":\"a\",\"completions\":[{\"text\":\"x\"}]}", "{\"instance_id\": oops");
    assertThatThrownBy(() -> PredictionsFile.read(p))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining(p + ":2: bad JSON");
  }

  @Test
  void missingCompletionsAndDuplicatesAreErrors() throws IOException {
    Path missing = write("{\"instance_id\":\"a\"}");
    assertThatThrownBy(() -> PredictionsFile.read(missing))
        .hasMessageContaining(":1: 'completions' must be a non-empty array");
    Path dup =
        write(
            "{\"instance_id\":\"a\",\"completions\":[{\"text\":\"x\"}]}",
            "{\"instance_id\":\"a\",\"completions\":[{\"text\":\"y\"}]}");
    assertThatThrownBy(() -> PredictionsFile.read(dup))
        .hasMessageContaining(":2: duplicate prediction");
  }

  @Test
  void replaysByInstanceAndPerturbation() throws Exception {
    Path p =
        write(
            "{\"instance_id\":\"id0\",\"completions\":[{\"text\":\"orig\"}]}",
            "{\"instance_id\":\"id0\",\"perturbation\":\"typos\",\"completions\":[{\"text\":\"pert\"}]}");
    AdapterRegistry registry = AdapterRegistry.load();
    try (ModelClient client = registry.connect(DeploymentCatalog.replay("replay/p", p))) {
      assertThat(client.cacheable()).isFalse();
      assertThat(client.complete(state("id0", null)).completions().get(0).text()).isEqualTo("orig");
      PerturbationDescription typos = new PerturbationDescription("typos", true, false, null);
      assertThat(client.complete(state("id0", typos)).completions().get(0).text())
          .isEqualTo("pert");
      RequestResult none = client.complete(state("id9", null));
      assertThat(none.success()).isFalse();
      assertThat(none.errorKind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(none.errorMessage()).contains("id9");
    }
  }
}
