package dev.prism.metrics.accuracy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The trec_eval measures HELM's ranking metric asks {@code pytrec_eval} for, for one query: {@code
 * recip_rank}, {@code success.k}, {@code recall.k} and {@code ndcg_cut.k}, with trec_eval's
 * conventions: the run is ranked by score, highest first (equal scores: document id descending); a
 * document is relevant when its judged relevance is at least 1; unjudged documents are
 * non-relevant; {@code ndcg_cut} uses the relevance values as gains, discounts by {@code log2(rank
 * + 1)}, and normalises by the ideal ordering of all judged documents (0 when no judged document
 * has a positive relevance). Stateless.
 */
final class TrecMeasures {
  private TrecMeasures() {}

  /**
   * The judged relevance of each ranked document, best first ({@code -1} for unjudged ones).
   *
   * @param qrels document id → judged relevance
   * @param run document id → the run's score
   */
  static int[] rankedRelevances(Map<String, Integer> qrels, Map<String, Integer> run) {
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(run.entrySet());
    ranked.sort(
        Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue())
            .thenComparing(Map.Entry::getKey)
            .reversed());
    int[] rels = new int[ranked.size()];
    for (int i = 0; i < rels.length; i++) {
      rels[i] = qrels.getOrDefault(ranked.get(i).getKey(), -1);
    }
    return rels;
  }

  /** {@code recip_rank}: 1 / rank of the first relevant document; 0 when none is retrieved. */
  static double recipRank(int[] rels) {
    for (int i = 0; i < rels.length; i++) {
      if (rels[i] >= 1) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** {@code success.k}: 1 when a relevant document is among the first {@code k}. */
  static double success(int[] rels, int k) {
    return relevantInTop(rels, k) > 0 ? 1 : 0;
  }

  /** {@code recall.k}: relevant documents among the first {@code k} / all relevant judged ones. */
  static double recall(int[] rels, int k, Map<String, Integer> qrels) {
    long relevant = qrels.values().stream().filter(r -> r >= 1).count();
    return relevant == 0 ? 0 : (double) relevantInTop(rels, k) / relevant;
  }

  /** {@code ndcg_cut.k}, as the class documentation describes. */
  static double ndcgCut(int[] rels, int k, Map<String, Integer> qrels) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, rels.length); i++) {
      if (rels[i] > 0) {
        dcg += rels[i] / log2(i + 2);
      }
    }
    List<Integer> ideal =
        qrels.values().stream().filter(r -> r > 0).sorted(Comparator.reverseOrder()).toList();
    double idealDcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idealDcg += ideal.get(i) / log2(i + 2);
    }
    return idealDcg > 0 ? dcg / idealDcg : 0;
  }

  private static int relevantInTop(int[] rels, int k) {
    int n = 0;
    for (int i = 0; i < Math.min(k, rels.length); i++) {
      if (rels[i] >= 1) {
        n++;
      }
    }
    return n;
  }

  /** C's {@code log2}; this quotient can differ from it in the last bit. */
  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
