package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.scenarios.prompt.RequestPlanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected instances are what HELM's own {@code MSMARCOScenario} (its source, with file downloads
 * stubbed to copy these fixtures) returns in CPython 3.
 */
class MsMarcoScenarioTests {
  private final MsMarcoScenario scenario = new MsMarcoScenario();

  private static List<String> docids(Instance instance) {
    return instance.references().stream().map(r -> r.tags().get(0)).toList();
  }

  @Test
  void regularTrackWithoutTopkUsesJudgedPassagesOnly() {
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of("track", "regular")));

    assertThat(HelmFixtures.ids(instances))
        .containsExactly("id0", "id1", "id2", "id3", "id4", "id5", "id6");
    assertThat(instances.stream().map(Instance::split))
        .containsExactly(
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.TRAIN,
            Split.VALID,
            Split.VALID,
            Split.VALID);
    assertThat(instances.stream().map(Instance::input))
        .containsExactly(
            "what is train query 104",
            "what is train query 101",
            "what is train query 100",
            "what is train query 102",
            "where is regular query 200",
            "where is regular query 203",
            "where is regular query 201");
    assertThat(instances.get(0).references().get(1))
        .isEqualTo(
            new Reference(
                "Passage 12 about topic 2: moon moon bird moon sun city.",
                List.of("docid=12", "correct", "relevance=1", "rank=13")));
    assertThat(instances.get(0).references().get(0).tags()).containsExactly("docid=24", "rank=11");
    assertThat(instances.get(2).references().get(0).tags())
        .containsExactly("docid=0", "correct", "relevance=1", "rank=13");
    // a relevance of 0 gets no tag (HELM tests `if rel:`)
    assertThat(instances.get(6).references().get(1).tags()).containsExactly("docid=9", "rank=10");
  }

  @Test
  void validTopkAddsRankedPassagesInShuffledOrder() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("track", "regular", "valid_topk", "11")));

    assertThat(instances).hasSize(6);
    assertThat(docids(instances.get(5)))
        .containsExactly(
            "docid=7",
            "docid=23",
            "docid=5",
            "docid=25",
            "docid=29",
            "docid=8",
            "docid=27",
            "docid=1",
            "docid=9",
            "docid=11",
            "docid=3",
            "docid=21");
    // csv.reader reads a passage that starts with a quote as a quoted field, as HELM does
    assertThat(instances.get(5).references().get(0).text())
        .isEqualTo("Quoted start of passage 7 about the river.");
  }

  @Test
  void trecTrackGradesRelevanceTwoAndThreeAsGold() {
    List<Instance> instances =
        scenario.instances(HelmFixtures.context(Map.of("track", "trec", "valid_topk", "11")));

    assertThat(instances).hasSize(6);
    Instance first = instances.get(4);
    assertThat(first.input()).isEqualTo("how do trec queries work");
    assertThat(first.references().get(3).tags())
        .containsExactly("docid=6", "relevance=1", "rank=7");
    assertThat(first.references().get(4).tags())
        .containsExactly("docid=4", "correct", "relevance=3", "rank=5");
    assertThat(first.references().get(2).tags()).containsExactly("docid=5", "rank=6");
    assertThat(instances.get(5).references().get(9).tags())
        .containsExactly("docid=11", "correct", "relevance=2", "rank=11");
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> scenario.instances(HelmFixtures.context(Map.of())))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("needs argument 'track'");
    assertThatThrownBy(
            () ->
                scenario.instances(
                    HelmFixtures.context(Map.of("track", "regular", "valid_topk", "5"))))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("valid_topk");
  }

  /**
   * HELM's ranking prompt: one request per (query, passage), after two example queries with one
   * labelled block per passage (the relevant one answered Yes, the other No).
   */
  @Test
  void plansOneRankingRequestPerPassage() {
    PromptFormat format = scenario.promptFormat();
    assertThat(format.method()).isEqualTo(PromptMethod.RANKING_BINARY);
    assertThat(format.maxTrainInstances()).isEqualTo(2);
    List<Instance> instances = scenario.instances(HelmFixtures.context(Map.of("track", "regular")));

    List<RequestState> states = RequestPlanner.plan(instances, format, "x");

    List<Instance> eval = instances.subList(4, 7);
    assertThat(states).hasSize(eval.stream().mapToInt(i -> i.references().size()).sum());
    Instance first = eval.get(0);
    for (int r = 0; r < first.references().size(); r++) {
      RequestState state = states.get(r);
      assertThat(state.instance()).isEqualTo(first);
      assertThat(state.referenceIndex()).isEqualTo(r);
      assertThat(state.numTrainInstances()).isEqualTo(2);
      String prompt = state.request().prompt();
      assertThat(prompt)
          .endsWith(
              "\n\nPassage: "
                  + first.references().get(r).text()
                  + "\nQuery: where is regular query 200\nDoes the passage answer the query?"
                  + "\nAnswer:");
      assertThat(prompt.split("\nAnswer: Yes\n", -1)).hasSize(3);
      assertThat(prompt.split("\nAnswer: No\n", -1)).hasSize(3);
      assertThat(prompt).startsWith("Passage: Passage ");
    }
    assertThat(states.get(states.size() - 1).referenceIndex())
        .isEqualTo(eval.get(2).references().size() - 1);
  }

  @Test
  void metricsFollowTheTrack() {
    assertThat(scenario.metrics(Map.of("track", "regular")))
        .containsExactly("ranking_metric:track=regular", "multiple_choice_separate", "efficiency");
    assertThat(scenario.metrics(Map.of("track", "trec", "valid_topk", "30")))
        .containsExactly(
            "ranking_metric:track=trec,valid_topk=30", "multiple_choice_separate", "efficiency");
    assertThatThrownBy(() -> scenario.metrics(Map.of("track", "dev")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("track");
    // HELM's main metric per track.
    assertThat(scenario.mainMetric(Map.of("track", "regular"))).isEqualTo("RR@10");
    assertThat(scenario.mainMetric(Map.of("track", "trec"))).isEqualTo("NDCG@10");
  }
}
