package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.prism.core.Instance;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.RequestResult;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import dev.prism.core.Stat;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.MetricRegistry;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.StatsAggregator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HELM's {@code RankingMetric} on hand-worked queries. The TREC query: four candidate documents,
 * judged 3, 1, unjudged, 2; the model answers No (−0.3), Yes (−0.5), " yes\n" (−0.1), maybe (−1.0),
 * so its order is ref2, ref1, ref0, ref3. Binary measures count relevance ≥ 2 (TREC's 1 is
 * "related", binarized to 0): relevant ref0 is 3rd and ref3 4th.
 */
class RankingMetricTests {
  private static final MetricRegistry REGISTRY = MetricRegistry.load();

  private static Metric metric(String name) {
    return REGISTRY.resolve(List.of(name)).get(0);
  }

  private static Map<String, Double> scores(Metric metric, List<RequestOutcome> outcomes) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Stat s : ((RankingMetric) metric).evaluateReferences(outcomes)) {
      out.put(s.key().name(), s.mean());
    }
    return out;
  }

  /** One request per reference; {@code answers[i]} = {text, logprob} for reference i. */
  private static List<RequestOutcome> query(List<Reference> references, Object[][] answers) {
    Instance instance = Instance.of("q1", "query", references, Split.VALID);
    List<RequestOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < answers.length; i++) {
      RequestState state =
          new RequestState(instance, 0, i, null, Fixtures.request(1), Map.of(), 0, false);
      RequestResult result =
          answers[i] == null
              ? RequestResult.failure(dev.prism.core.ErrorKind.FATAL, "boom", 0.1)
              : RequestResult.success(
                  List.of(Fixtures.completion((String) answers[i][0], (double) answers[i][1])),
                  0.1);
      outcomes.add(new RequestOutcome(state, result));
    }
    return outcomes;
  }

  private static Reference doc(String text, String... tags) {
    return new Reference(text, List.of(tags));
  }

  private static final List<Reference> TREC_DOCS =
      List.of(
          doc("d0", "docid=10", "correct", "relevance=3", "rank=1"),
          doc("d1", "docid=11", "relevance=1", "rank=2"),
          doc("d2", "docid=12", "rank=3"),
          doc("d3", "docid=13", "correct", "relevance=2", "rank=4"));

  private static final Object[][] TREC_ANSWERS = {
    {"No", -0.3}, {"Yes", -0.5}, {" yes\n", -0.1}, {"maybe", -1.0}
  };

  @Test
  void trecTrackWithGradedRelevances() {
    Map<String, Double> s =
        scores(metric("ranking_metric:track=trec"), query(TREC_DOCS, TREC_ANSWERS));
    assertThat(s.keySet())
        .containsExactly(
            "Success@1",
            "Success@2",
            "Success@3",
            "Success@5",
            "Success@10",
            "Success@20",
            "Recall@1",
            "Recall@2",
            "Recall@3",
            "Recall@5",
            "Recall@10",
            "Recall@20",
            "RR@5",
            "RR@10",
            "RR@20",
            "NDCG@5",
            "NDCG@10",
            "NDCG@20",
            "ref2_rank",
            "ref1_rank",
            "ref0_rank",
            "ref3_rank");
    assertThat(s).containsEntry("Success@1", 0.0).containsEntry("Success@2", 0.0);
    assertThat(s).containsEntry("Success@3", 1.0).containsEntry("Success@20", 1.0);
    assertThat(s).containsEntry("Recall@2", 0.0).containsEntry("Recall@3", 0.5);
    assertThat(s).containsEntry("Recall@5", 1.0);
    assertThat(s.get("RR@10")).isEqualTo(1.0 / 3);
    // DCG over graded relevances [unjudged, 1, 3, 2] = 1/log2(3) + 3/log2(4) + 2/log2(5);
    // ideal over all judged [3, 2, 1] = 3 + 2/log2(3) + 1/log2(4). Expected: Python's math.log2.
    assertThat(s.get("NDCG@10")).isCloseTo(0.6283853745012301, within(1e-15));
    assertThat(s)
        .containsEntry("ref2_rank", 0.0)
        .containsEntry("ref1_rank", 1.0)
        .containsEntry("ref0_rank", 2.0)
        .containsEntry("ref3_rank", 3.0);
  }

  @Test
  void validTopkRepeatsTheMeasuresOnTheRetrieversTopDocuments() {
    Map<String, Double> s =
        scores(metric("ranking_metric:track=trec,valid_topk=2"), query(TREC_DOCS, TREC_ANSWERS));
    // Only ref0 (rank=1) and ref1 (rank=2) take part: model order ref1 (judged 1), ref0 (3).
    assertThat(s).containsEntry("RR@10 (topk=2)", 0.5).containsEntry("Success@1 (topk=2)", 0.0);
    assertThat(s).containsEntry("Success@2 (topk=2)", 1.0);
    // ref3 is relevant but outside the top 2: recall stays at one half.
    assertThat(s).containsEntry("Recall@20 (topk=2)", 0.5);
    // DCG [1, 3] = 1 + 3/log2(3) against the same ideal.
    assertThat(s.get("NDCG@5 (topk=2)")).isCloseTo(0.6074915180456525, within(1e-15));
    assertThat(s).containsEntry("RR@10", 1.0 / 3);
  }

  @Test
  void regularTrackCountsRelevanceOneAndRecipRankIsCutAtK() {
    List<Reference> docs = new ArrayList<>();
    Object[][] answers = new Object[7][];
    for (int i = 0; i < 7; i++) {
      docs.add(i == 6 ? doc("d6", "correct", "relevance=1") : doc("d" + i));
      // Everyone says Yes; ref6 is least confident, so it is ranked 7th.
      answers[i] = new Object[] {"Yes", -0.1 * (i + 1)};
    }
    answers[3] = null; // a failed request: output "missing", logprob 0 → key (0, -0.0)
    Map<String, Double> s = scores(metric("ranking_metric:track=regular"), query(docs, answers));
    assertThat(s.keySet()).noneMatch(k -> k.startsWith("NDCG"));
    // Order: ref0, ref1, ref2, ref4, ref5, ref6 (all Yes), then ref3 (missing).
    assertThat(s).containsEntry("ref6_rank", 5.0).containsEntry("ref3_rank", 6.0);
    assertThat(s).containsEntry("RR@5", 0.0).containsEntry("RR@10", 1.0 / 6);
    assertThat(s).containsEntry("Success@5", 0.0).containsEntry("Success@10", 1.0);
    assertThat(s).containsEntry("Recall@10", 1.0);
  }

  @Test
  void tiesKeepReferenceOrderAndMinusZeroEqualsZero() {
    List<Reference> docs = List.of(doc("a"), doc("b", "relevance=1"), doc("c"));
    Object[][] answers = {{"No", 0.0}, {"No", -0.0}, {"no", 0.0}};
    Map<String, Double> s = scores(metric("ranking_metric:track=regular"), query(docs, answers));
    assertThat(s)
        .containsEntry("ref0_rank", 0.0)
        .containsEntry("ref1_rank", 1.0)
        .containsEntry("ref2_rank", 2.0);
  }

  @Test
  void noJudgementsOrNoPerReferenceRequestsGiveNoStats() {
    Metric m = metric("ranking_metric:track=regular");
    assertThat(
            scores(
                m,
                query(List.of(doc("a"), doc("b")), new Object[][] {{"Yes", -1.0}, {"No", -1.0}})))
        .isEmpty();
    RequestOutcome generation = Fixtures.outcome(Fixtures.instance("id0", "x"), "Yes");
    assertThat(((RankingMetric) m).evaluateReferences(List.of(generation))).isEmpty();
  }

  @Test
  void aggregatedAsPerInstanceStatsOfTheQuery() {
    RunStats run =
        StatsAggregator.aggregate(
            query(TREC_DOCS, TREC_ANSWERS), List.of(metric("ranking_metric:track=trec")));
    assertThat(run.find(new MetricKey("RR@10", "valid", null, null)).orElseThrow().mean())
        .isEqualTo(1.0 / 3);
    assertThat(run.perInstance()).hasSize(1);
    assertThat(run.perInstance().get(0).stats()).anyMatch(st -> st.key().name().equals("NDCG@10"));
  }

  @Test
  void argumentsAreCheckedAndTheBareMetricSaysWhatItNeeds() {
    RankingMetric bare = (RankingMetric) REGISTRY.find("ranking_metric").orElseThrow();
    assertThat(bare.skipReason()).hasValueSatisfying(r -> assertThat(r).contains("track=trec"));
    assertThat(REGISTRY.resolve(List.of("accuracy"))).noneMatch(x -> x instanceof RankingMetric);
    assertThat(metric("ranking_metric:track=trec,valid_topk=30").id())
        .isEqualTo("ranking_metric:track=trec,valid_topk=30");
    assertThatThrownBy(() -> metric("ranking_metric:track=web"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("track must be regular or trec");
    assertThatThrownBy(() -> metric("ranking_metric:track=trec,valid_topk=0"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("valid_topk");
    assertThatThrownBy(() -> metric("ranking_metric:track=trec,k=3"))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("unknown ranking_metric argument");
    Metric m = metric("ranking_metric:track=trec");
    List<RequestOutcome> badTag =
        query(List.of(doc("a", "relevance=high")), new Object[][] {{"Yes", 0.0}});
    assertThatThrownBy(() -> StatsAggregator.aggregate(badTag, List.of(m)))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("'relevance=high' is not key=INTEGER");
  }
}
