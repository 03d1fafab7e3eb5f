package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.ParameterizedMetric;
import dev.prism.metrics.ReferencesMetric;
import dev.prism.metrics.Skippable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HELM's {@code RankingMetric} ({@code ranking_metrics.py}) for the {@code ranking_binary} prompt
 * method, as HELM's MS MARCO run specs configure it. Each request asks whether one candidate
 * document (reference {@code referenceIndex}) answers the query; per instance:
 *
 * <ol>
 *   <li>each document gets its first completion's text and log-probability ({@code "missing"} and 0
 *       for a failed request or one without completions) and is keyed {@code (2, logprob)} when the
 *       stripped, lower-cased text is {@code yes}, {@code (1, −logprob)} when {@code no}, else
 *       {@code (0, −logprob)}; documents are sorted by key, highest first, equal keys in reference
 *       order; the model's relevance of the document at position i is N − i;
 *   <li>the true relevances are the references' {@code relevance=R} tags (R ≠ 0; references without
 *       one are unjudged); for the binary measures ({@code recip_rank}, {@code success}, {@code
 *       recall}) on a track with graded relevances (TREC) relevance 1 becomes 0;
 *   <li>{@code recip_rank.k} ranks only the k documents of highest model relevance; the other
 *       measures are trec_eval's cut-offs ({@link TrecMeasures});
 *   <li>stats are named as HELM names them: {@code RR@10}, {@code NDCG@10}, {@code Success@1},
 *       {@code Recall@5}; with {@code valid_topk=K} again over only the documents whose {@code
 *       rank=r} tag has r ≤ K, suffixed {@code " (topk=K)"}; and {@code ref<i>_rank}, the 0-based
 *       position of reference i in the model's order.
 * </ol>
 *
 * Arguments: {@code track=regular|trec} (MS MARCO's measure lists and relevance kind) and optional
 * {@code valid_topk=K}, e.g. {@code ranking_metric:track=trec,valid_topk=30}. An instance without
 * any relevance tag, or without a request per reference, gets no stats. The registered instance (no
 * arguments) computes nothing and says so; the {@code accuracy} family does not select it.
 */
public final class RankingMetric implements ReferencesMetric, ParameterizedMetric, Skippable {
  private static final String ID = "ranking_metric";
  private static final String CORRECT_OUTPUT = "Yes";
  private static final String WRONG_OUTPUT = "No";
  private static final String MISSING_OUTPUT = "missing";
  private static final List<String> BINARY_MEASURES = List.of("recip_rank", "recall", "success");
  private static final String USAGE =
      "Use ranking_metric:track=regular or ranking_metric:track=trec, optionally with"
          + " ,valid_topk=K";

  /** A trec_eval measure with its cut-off, e.g. {@code ndcg_cut.10}. */
  private record Measure(String name, int k) {
    /** HELM's {@code measure_to_metric_name}. */
    String statName() {
      String base =
          switch (name) {
            case "ndcg_cut" -> "NDCG";
            case "recip_rank" -> "RR";
            default -> name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
          };
      return base + "@" + k;
    }
  }

  private final String track;
  private final Integer validTopk;
  private final List<Measure> measures;
  private final boolean gradedRelevance;

  /** The unconfigured instance {@link java.util.ServiceLoader} creates. */
  public RankingMetric() {
    this(null, null);
  }

  private RankingMetric(String track, Integer validTopk) {
    this.track = track;
    this.validTopk = validTopk;
    this.measures = track == null ? List.of() : measures(track);
    // HELM: multiple_relevance_values = set(GOLD_RELATIONS[track]) != {1}; TREC's golds are 2 and
    // 3.
    this.gradedRelevance = "trec".equals(track);
  }

  /** {@code MSMARCOScenario.MEASURE_NAMES[track]}, in HELM's order. */
  private static List<Measure> measures(String track) {
    List<Measure> out = new ArrayList<>();
    for (int k : new int[] {1, 2, 3, 5, 10, 20}) {
      out.add(new Measure("success", k));
    }
    for (int k : new int[] {1, 2, 3, 5, 10, 20}) {
      out.add(new Measure("recall", k));
    }
    for (int k : new int[] {5, 10, 20}) {
      out.add(new Measure("recip_rank", k));
    }
    if (track.equals("trec")) {
      for (int k : new int[] {5, 10, 20}) {
        out.add(new Measure("ndcg_cut", k));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String id() {
    if (track == null) {
      return ID;
    }
    return ID + ":track=" + track + (validTopk == null ? "" : ",valid_topk=" + validTopk);
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public Metric withArguments(Map<String, String> arguments) {
    Map<String, String> args = new LinkedHashMap<>(arguments);
    String t = args.remove("track");
    String topk = args.remove("valid_topk");
    if (!args.isEmpty()) {
      throw new PrismUserException("unknown ranking_metric argument(s) " + args.keySet(), USAGE);
    }
    if (!"regular".equals(t) && !"trec".equals(t)) {
      throw new PrismUserException("ranking_metric: track must be regular or trec", USAGE);
    }
    Integer k = null;
    if (topk != null) {
      try {
        k = Integer.parseInt(topk);
      } catch (NumberFormatException e) {
        k = -1;
      }
      if (k < 1) {
        throw new PrismUserException(
            "ranking_metric: valid_topk must be a positive integer, not '" + topk + "'", USAGE);
      }
    }
    return new RankingMetric(t, k);
  }

  /** None: HELM configures ranking only in the MS MARCO run specs, never by family. */
  @Override
  public List<Metric> defaultVariants() {
    return List.of();
  }

  @Override
  public Optional<String> skipReason() {
    return track == null
        ? Optional.of("ranking_metric needs arguments. " + USAGE)
        : Optional.empty();
  }

  /** One candidate document of a query, HELM's {@code RankingObject}. */
  private record Document(
      int referenceIndex, Integer relevance, Integer rank, int bucket, double key) {}

  @Override
  public List<Stat> evaluateReferences(List<RequestOutcome> outcomes) {
    if (track == null) {
      return List.of();
    }
    List<Document> documents = new ArrayList<>();
    for (RequestOutcome outcome : outcomes) {
      Integer index = outcome.state().referenceIndex();
      if (index == null) {
        return List.of();
      }
      documents.add(document(outcome, index));
    }
    documents.sort(Comparator.comparingInt(Document::referenceIndex));
    // Stable, so equal keys keep reference order, as Python's sorted(…, reverse=True) does.
    documents.sort(
        Comparator.comparingInt(Document::bucket).thenComparingDouble(Document::key).reversed());
    Map<String, Integer> trueRelevances = new LinkedHashMap<>();
    Map<String, Integer> modelRelevances = new LinkedHashMap<>();
    Map<String, Integer> modelRelevancesInTopk = new LinkedHashMap<>();
    for (int i = 0; i < documents.size(); i++) {
      Document d = documents.get(i);
      String docId = "q" + d.referenceIndex();
      int modelRelevance = documents.size() - i;
      if (d.relevance() != null && d.relevance() != 0) {
        trueRelevances.put(docId, d.relevance());
      }
      modelRelevances.put(docId, modelRelevance);
      if (validTopk != null && d.rank() != null && d.rank() != 0 && d.rank() <= validTopk) {
        modelRelevancesInTopk.put(docId, modelRelevance);
      }
    }
    if (trueRelevances.isEmpty()) {
      return List.of(); // pytrec_eval evaluates no query without judgements
    }
    List<Stat> stats = new ArrayList<>(measures(trueRelevances, modelRelevances, ""));
    if (validTopk != null && !modelRelevancesInTopk.isEmpty()) {
      stats.addAll(measures(trueRelevances, modelRelevancesInTopk, " (topk=" + validTopk + ")"));
    }
    for (int i = 0; i < documents.size(); i++) {
      stats.add(Stat.of("ref" + documents.get(i).referenceIndex() + "_rank", i));
    }
    return stats;
  }

  private List<Stat> measures(Map<String, Integer> qrels, Map<String, Integer> run, String suffix) {
    Map<String, Integer> binarized = new LinkedHashMap<>();
    // HELM's binarize_dict: relevance 1 ("related") is not relevant when relevances are graded.
    qrels.forEach((doc, rel) -> binarized.put(doc, gradedRelevance && rel == 1 ? 0 : rel));
    List<Stat> stats = new ArrayList<>();
    for (Measure m : measures) {
      Map<String, Integer> truth = BINARY_MEASURES.contains(m.name()) ? binarized : qrels;
      double value =
          switch (m.name()) {
            case "recip_rank" ->
                TrecMeasures.recipRank(TrecMeasures.rankedRelevances(truth, top(run, m.k())));
            case "success" ->
                TrecMeasures.success(TrecMeasures.rankedRelevances(truth, run), m.k());
            case "recall" ->
                TrecMeasures.recall(TrecMeasures.rankedRelevances(truth, run), m.k(), truth);
            case "ndcg_cut" ->
                TrecMeasures.ndcgCut(TrecMeasures.rankedRelevances(truth, run), m.k(), truth);
            default -> throw new IllegalStateException(m.name());
          };
      stats.add(Stat.of(m.statName() + suffix, value));
    }
    return stats;
  }

  /** HELM's {@code limit_relevance_dict}: the k documents of highest model relevance. */
  private static Map<String, Integer> top(Map<String, Integer> run, int k) {
    Map<String, Integer> out = new LinkedHashMap<>();
    run.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(k)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Document document(RequestOutcome outcome, int index) {
    List<Reference> references = outcome.state().instance().references();
    if (index < 0 || index >= references.size()) {
      throw new IllegalArgumentException(
          "reference index " + index + " outside the instance's " + references.size());
    }
    Integer relevance = null;
    Integer rank = null;
    for (String tag : references.get(index).tags()) {
      // HELM tests substrings: "relevance" in tag, elif "rank" in tag.
      if (tag.contains("relevance")) {
        relevance = tagValue(tag, outcome);
      } else if (tag.contains("rank")) {
        rank = tagValue(tag, outcome);
      }
    }
    String text = MISSING_OUTPUT;
    double logprob = 0;
    if (outcome.result().success() && !outcome.result().completions().isEmpty()) {
      Completion first = outcome.result().completions().get(0);
      text = first.text();
      logprob = first.logprob();
    }
    String output = PythonText.strip(text).toLowerCase(Locale.ROOT);
    int bucket =
        output.equals(CORRECT_OUTPUT.toLowerCase(Locale.ROOT))
            ? 2
            : output.equals(WRONG_OUTPUT.toLowerCase(Locale.ROOT)) ? 1 : 0;
    // + 0.0 turns −0.0 into 0.0: Python compares them as equal, so ties stay in reference order.
    double key = (bucket == 2 ? logprob : -logprob) + 0.0;
    return new Document(index, relevance, rank, bucket, key);
  }

  private static int tagValue(String tag, RequestOutcome outcome) {
    String[] kv = tag.split("=", -1);
    try {
      if (kv.length == 2) {
        return Integer.parseInt(kv[1].strip());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new PrismUserException(
        "instance '"
            + outcome.state().instance().id()
            + "': reference tag '"
            + tag
            + "' is not key=INTEGER",
        "Write relevance and rank tags as relevance=N and rank=N (HELM's make_relevance_tag)");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankingMetric r && r.id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }
}
