package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.core.Completion;
import dev.prism.core.Token;
import dev.prism.core.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code completions_json} column: usage, time to first token and top logprobs round-trip. */
class CompletionsJsonTests {
  @Test
  void usageTimeToFirstTokenAndTopLogprobsRoundTrip() {
    Map<String, Double> top = new LinkedHashMap<>();
    top.put(" Paris", -0.05);
    top.put(" Lyon", -3.2);
    top.put(" Nice", -4.0);
    List<Completion> completions =
        List.of(
            new Completion(
                " Paris",
                -0.05,
                List.of(new Token(" Paris", -0.05, top)),
                "stop",
                new Usage(12, 1),
                0.125),
            new Completion(" Lyon", -3.2, List.of(new Token(" Lyon", -3.2)), "stop", null, 0.25));

    String json = Json.completions(completions);
    List<Completion> back = Json.parseCompletions(json);

    assertThat(back).isEqualTo(completions);
    assertThat(back.get(0).tokens().get(0).topLogprobs().keySet())
        .containsExactly(" Paris", " Lyon", " Nice");
    assertThat(Usage.total(back)).isEqualTo(new Usage(12, 1));
    // Readers that know only HELM's fields still find them where they were.
    JsonNode first = Json.read(json).get(0);
    assertThat(first.path("text").asText()).isEqualTo(" Paris");
    assertThat(first.at("/finish_reason/reason").asText()).isEqualTo("stop");
    assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    assertThat(first.path("ttft_seconds").asDouble()).isEqualTo(0.125);
    assertThat(first.at("/tokens/0/top_logprobs/ Lyon").asDouble()).isEqualTo(-3.2);
  }

  @Test
  void optionalFieldsAreLeftOutWhenUnsetAndOldRowsStillParse() {
    String json = Json.completions(List.of(Completion.ofText("a")));
    assertThat(json).doesNotContain("usage").doesNotContain("ttft").doesNotContain("top_logprobs");
    String stored =
        "[{\"text\":\"b\",\"logprob\":-1.0,\"tokens\":[{\"text\":\"b\",\"logprob\":-1.0}],"
            + "\"finish_reason\":{\"reason\":\"length\"}}]";
    Completion c = Json.parseCompletions(stored).get(0);
    assertThat(c).isEqualTo(new Completion("b", -1.0, List.of(new Token("b", -1.0)), "length"));
    assertThat(c.usage()).isNull();
    assertThat(c.ttftSeconds()).isNull();
  }
}
