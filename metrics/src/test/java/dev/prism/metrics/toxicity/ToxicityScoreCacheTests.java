package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.ErrorKind;
import dev.prism.core.Metric;
import dev.prism.core.MetricKey;
import dev.prism.core.RequestOutcome;
import dev.prism.metrics.Fixtures;
import dev.prism.metrics.RunStats;
import dev.prism.metrics.ScoreCache;
import dev.prism.metrics.StatsAggregator;
import dev.prism.metrics.UsesScoreCache;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Scores kept in a {@link ScoreCache}: each text is sent to the scorer once per run and never again
 * in a later run sharing the cache; failures are not cached. Perspective is served from loopback in
 * its wire format.
 */
class ToxicityScoreCacheTests {
  private static final JsonHttp.Policy FAST =
      new JsonHttp.Policy(2, Duration.ZERO, Duration.ofSeconds(10));
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Perspective on loopback: scores a text by its length; texts containing "429" are refused. */
  private static LoopbackServer perspective() throws IOException {
    return new LoopbackServer()
        .otherwise(
            r -> {
              String text;
              try {
                text = JSON.readTree(r.body()).at("/comment/text").asText();
              } catch (IOException e) {
                return new LoopbackServer.Reply(400, "{}");
              }
              return text.contains("429")
                  ? new LoopbackServer.Reply(429, "{\"error\":{\"message\":\"Quota exceeded\"}}")
                  : new LoopbackServer.Reply(
                      200, PerspectiveApiScorerTests.response(Math.min(1, text.length() / 20.0)));
            });
  }

  private static Metric metric(LoopbackServer server, ScoreCache cache) {
    PerspectiveApiScorer scorer =
        new PerspectiveApiScorer("k", server.baseUrl() + "/v1alpha1", FAST, null);
    return ToxicityMetric.withScorer(scorer).withScoreCache(cache);
  }

  private static List<RequestOutcome> outcomes(String... textsPerRequest) {
    List<RequestOutcome> out = new ArrayList<>();
    for (int i = 0; i < textsPerRequest.length; i++) {
      out.add(
          Fixtures.outcome(Fixtures.instance("id" + i, "gold"), textsPerRequest[i].split("/", -1)));
    }
    return out;
  }

  private static double mean(RunStats stats, String name) {
    return stats.find(new MetricKey(name, "test", null, null)).orElseThrow().mean();
  }

  private static List<String> sentTexts(LoopbackServer server) {
    return server.requests().stream()
        .map(
            r -> {
              try {
                return JSON.readTree(r.body()).at("/comment/text").asText();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Test
  void aSecondRunSharingTheCacheCallsNothingAndGivesTheSameStats() throws Exception {
    ScoreCache cache = ScoreCache.inMemory();
    List<RequestOutcome> run = outcomes("you are nice/short", "short", "a much longer text here");
    try (LoopbackServer server = perspective()) {
      Metric first = metric(server, cache);
      RunStats a = StatsAggregator.aggregate(run, List.of(first));
      // "short" appears twice but is sent once.
      assertThat(sentTexts(server))
          .containsExactly("you are nice", "short", "a much longer text here");
      assertThat(((UsesScoreCache) first).scoreCacheNote())
          .contains(
              "toxicity_metric:scorer=perspective: 4 completion texts: 3 scored by perspective,"
                  + " 0 from the score cache, 1 repeats, 0 failed (not cached)");

      Metric second = metric(server, cache);
      RunStats b = StatsAggregator.aggregate(run, List.of(second));
      assertThat(server.requests()).hasSize(3);
      assertThat(b).isEqualTo(a);
      assertThat(mean(b, "expected_max_toxicity")).isGreaterThan(0);
      assertThat(((UsesScoreCache) second).scoreCacheNote())
          .contains(
              "toxicity_metric:scorer=perspective: 4 completion texts: 0 scored by perspective,"
                  + " 3 from the score cache, 1 repeats, 0 failed (not cached)");
    }
  }

  @Test
  void aFailedTextIsNotCachedAndOnlyItsRequestCountsAsFailed() throws Exception {
    ScoreCache cache = ScoreCache.inMemory();
    List<RequestOutcome> run = outcomes("fine", "over quota 429", "also fine");
    try (LoopbackServer server = perspective()) {
      Metric first = metric(server, cache);
      RunStats a = StatsAggregator.aggregate(run, List.of(first));
      // Two attempts for the refused text (the policy's retries), one for each other text; the
      // requests are not sent again when their outcomes are evaluated.
      assertThat(server.requests()).hasSize(4);
      assertThat(mean(a, "toxicity_scoring_failed")).isEqualTo(1.0 / 3);
      assertThat(((UsesScoreCache) first).scoreCacheNote().orElseThrow())
          .endsWith(
              "2 scored by perspective, 0 from the score cache, 0 repeats, 1 failed (not cached)");
      String refused = ScoreCache.sha256("over quota 429");
      String scorerKey = storeKeyOf(server);
      assertThat(cache.getAll(scorerKey, List.of(refused))).isEmpty();
      assertThat(cache.getAll(scorerKey, List.of(ScoreCache.sha256("fine")))).hasSize(1);

      Metric second = metric(server, cache);
      StatsAggregator.aggregate(run, List.of(second));
      // Only the failed text is tried again.
      assertThat(sentTexts(server).subList(4, 6)).containsOnly("over quota 429");
    }
  }

  private static String storeKeyOf(LoopbackServer server) {
    PerspectiveApiScorer scorer =
        new PerspectiveApiScorer("k", server.baseUrl() + "/v1alpha1", FAST, null);
    return CachingToxicityScorer.storeKey(scorer.name(), scorer.cacheKey().orElseThrow());
  }

  /** Scores from a table in one call per batch; a text "bad" makes the whole call fail. */
  private static final class BatchScorer implements ToxicityScorer {
    final List<List<String>> calls = new ArrayList<>();
    ErrorKind badKind = ErrorKind.FATAL;

    @Override
    public String name() {
      return "batch";
    }

    @Override
    public java.util.Optional<String> cacheKey() {
      return java.util.Optional.of("batch v1");
    }

    @Override
    public int batchSize() {
      return 4;
    }

    @Override
    public synchronized List<Double> score(List<String> texts) {
      calls.add(List.copyOf(texts));
      if (texts.contains("bad")) {
        throw new ToxicityScoringException(badKind, "cannot score 'bad'");
      }
      return texts.stream().map(t -> t.length() / 10.0).toList();
    }
  }

  @Test
  void aTextTheScorerRejectsIsIsolatedFromItsBatch() {
    BatchScorer scorer = new BatchScorer();
    Metric metric = ToxicityMetric.withScorer(scorer).withScoreCache(ScoreCache.inMemory());
    RunStats stats =
        StatsAggregator.aggregate(outcomes("a", "bb", "bad", "ccc", "dddd", "e"), List.of(metric));
    assertThat(mean(stats, "toxicity_scoring_failed")).isEqualTo(1.0 / 6);
    // Batches of four; the failing one is halved until "bad" is alone.
    assertThat(scorer.calls)
        .containsExactly(
            List.of("a", "bb", "bad", "ccc"),
            List.of("a", "bb"),
            List.of("bad", "ccc"),
            List.of("bad"),
            List.of("ccc"),
            List.of("dddd", "e"));
  }

  @Test
  void refusedCredentialsStopAllFurtherCalls() {
    BatchScorer scorer = new BatchScorer();
    scorer.badKind = ErrorKind.AUTH;
    Metric metric = ToxicityMetric.withScorer(scorer).withScoreCache(ScoreCache.inMemory());
    RunStats stats =
        StatsAggregator.aggregate(
            outcomes("bad", "a", "bb", "ccc", "dddd", "e", "ff"), List.of(metric));
    assertThat(scorer.calls).containsExactly(List.of("bad", "a", "bb", "ccc"));
    assertThat(mean(stats, "toxicity_scoring_failed")).isEqualTo(1.0);
    assertThat(((UsesScoreCache) metric).scoreCacheNote().orElseThrow())
        .endsWith("0 scored by batch, 0 from the score cache, 0 repeats, 7 failed (not cached)");
  }

  @Test
  void anUnreadableStoredValueIsAMissScoredAgainAndReplaced() {
    ScoreCache cache = ScoreCache.inMemory();
    BatchScorer scorer = new BatchScorer();
    String key = CachingToxicityScorer.storeKey("batch", "batch v1");
    cache.putAll(
        key,
        Map.of(
            ScoreCache.sha256("abc"), "not json", ScoreCache.sha256("xy"), "{\"toxicity\":0.25}"));
    CachingToxicityScorer caching = new CachingToxicityScorer(scorer, cache);
    assertThat(caching.score(List.of("abc", "xy"))).containsExactly(0.3, 0.25);
    assertThat(scorer.calls).containsExactly(List.of("abc"));
    assertThat(cache.getAll(key, List.of(ScoreCache.sha256("abc"))))
        .containsValue("{\"toxicity\":0.3}");
  }

  @Test
  void theLexiconScorerIsNeverStoredAndReportsNothing() {
    AtomicInteger puts = new AtomicInteger();
    ScoreCache counting =
        new ScoreCache() {
          @Override
          public Map<String, String> getAll(String k, java.util.Collection<String> hashes) {
            throw new AssertionError("no lookup expected");
          }

          @Override
          public void putAll(String k, Map<String, String> values) {
            puts.incrementAndGet();
          }
        };
    Metric metric = new ToxicityMetric().withScoreCache(counting);
    StatsAggregator.aggregate(outcomes("you idiot", "hello"), List.of(metric));
    assertThat(puts).hasValue(0);
    assertThat(((UsesScoreCache) metric).scoreCacheNote()).isEmpty();
  }

  @Test
  void storeKeysSeparateWhatChangesScoresAndHoldNoSecret() {
    Set<String> keys =
        Set.of(
            key(new PerspectiveApiScorer("k1", "http://a.example/v1")),
            key(new PerspectiveApiScorer("k1", "http://b.example/v1")),
            key(new OpenAiModerationScorer("k", "http://a.example/v1", "m1", Set.of())),
            key(new OpenAiModerationScorer("k", "http://a.example/v1", "m2", Set.of())),
            key(new OpenAiModerationScorer("k", "http://a.example/v1", "m1", Set.of("hate"))),
            key(
                new HttpClassifierScorer(
                    URI.create("http://c.example/p?token=s3cret"), "toxic", null)),
            key(
                new HttpClassifierScorer(
                    URI.create("http://c.example/p?token=s3cret"), "LABEL_1", null)));
    assertThat(keys).hasSize(7).allSatisfy(k -> assertThat(k).doesNotContain("s3cret"));
    // The API key does not change a score.
    assertThat(key(new PerspectiveApiScorer("k2", "http://a.example/v1")))
        .isEqualTo(key(new PerspectiveApiScorer("k1", "http://a.example/v1")))
        .startsWith("perspective#");
    assertThat(CachingToxicityScorer.storeKey("n".repeat(5000), "s"))
        .hasSize(ScoreCache.MAX_KEY_LENGTH);
  }

  private static String key(ToxicityScorer s) {
    return CachingToxicityScorer.storeKey(s.name(), s.cacheKey().orElseThrow());
  }
}
