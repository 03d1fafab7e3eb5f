package dev.prism.metrics.efficiency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.core.Completion;
import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Request;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.core.Token;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EfficiencyMetricTests {
  private static Map<String, Double> stats(boolean echo, RequestResult result) {
    Instance i = Instance.of("id0", "q", List.of(Reference.correct("a")), Split.TEST);
    Request r = new Request("x/y", "Question: two words?", 0, 1, 1, 5, List.of(), echo, null);
    RequestState s = new RequestState(i, 0, null, null, r, Map.of(), 0, false);
    return new EfficiencyMetric()
        .evaluate(new RequestOutcome(s, result)).stream()
            .collect(Collectors.toMap(st -> st.key().name(), Stat::mean));
  }

  @Test
  void countsPromptCompletionAndOutputTokensAndKeepsTheRuntime() {
    Completion c =
        new Completion("a b", -1, List.of(new Token("a", -0.5), new Token(" b", -0.5)), "stop");
    Map<String, Double> s = stats(false, RequestResult.success(List.of(c, c), 0.25));
    // "Question", ":", "two", "words", "?" → 5 approximate tokens.
    assertThat(s)
        .containsEntry("num_prompt_tokens", 5.0)
        .containsEntry("num_completion_tokens", 4.0)
        .containsEntry("num_output_tokens", 4.0)
        .containsEntry("inference_runtime", 0.25);
  }

  @Test
  void echoedPromptIsNotOutputAndTextWithoutTokensIsCounted() {
    Completion echoed = Completion.ofText("Question: two words? yes indeed");
    Map<String, Double> s = stats(true, RequestResult.success(List.of(echoed), 0.1).asCached());
    assertThat(s)
        .containsEntry("num_completion_tokens", 7.0)
        .containsEntry("num_output_tokens", 2.0)
        .containsEntry("inference_runtime", 0.1);
  }
}
