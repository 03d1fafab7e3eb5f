package dev.prism.metrics.accuracy;

import dev.prism.metrics.text.NltkWordTokenizer;
import dev.prism.metrics.text.RougeTokenizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HELM's overlap metrics (helm-notes §2.1) as pure functions of a gold text and a prediction; a
 * {@code null} prediction (an output-mapping miss) scores 0.
 *
 * <ul>
 *   <li>ROUGE: rouge-score 0.1.2 {@code RougeScorer([type], use_stemmer=True).score(gold,
 *       pred)[type].fmeasure} over {@link RougeTokenizer} tokens;
 *   <li>BLEU: NLTK {@code sentence_bleu([word_tokenize(gold)], word_tokenize(pred), weights)}
 *       without smoothing, over {@link NltkWordTokenizer} tokens. A zero n-gram precision other
 *       than the unigram one becomes {@code sys.float_info.min} ({@link Double#MIN_NORMAL}), so
 *       {@code bleu_4} without a matching 4-gram is about 2.2e-308, not 0; no matching unigram
 *       gives 0.
 * </ul>
 */
public final class TextOverlapFunctions {
  private TextOverlapFunctions() {}

  /** {@code rouge_1}: F-measure of clipped unigram overlap. */
  public static double rouge1(String gold, String pred) {
    return pred == null
        ? 0
        : rougeN(RougeTokenizer.tokenize(gold), RougeTokenizer.tokenize(pred), 1);
  }

  /** {@code rouge_2}: F-measure of clipped bigram overlap. */
  public static double rouge2(String gold, String pred) {
    return pred == null
        ? 0
        : rougeN(RougeTokenizer.tokenize(gold), RougeTokenizer.tokenize(pred), 2);
  }

  /** {@code rouge_l}: F-measure of the longest common subsequence; 0 when either side is empty. */
  public static double rougeL(String gold, String pred) {
    if (pred == null) {
      return 0;
    }
    List<String> target = RougeTokenizer.tokenize(gold);
    List<String> prediction = RougeTokenizer.tokenize(pred);
    if (target.isEmpty() || prediction.isEmpty()) {
      return 0;
    }
    int[] previous = new int[prediction.size() + 1];
    int[] current = new int[prediction.size() + 1];
    for (String t : target) {
      for (int j = 1; j <= prediction.size(); j++) {
        current[j] =
            t.equals(prediction.get(j - 1))
                ? previous[j - 1] + 1
                : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    int lcs = previous[prediction.size()];
    return fmeasure((double) lcs / prediction.size(), (double) lcs / target.size());
  }

  /** {@code bleu_1}: {@code sentence_bleu} with weights (1, 0, 0, 0). */
  public static double bleu1(String gold, String pred) {
    return pred == null ? 0 : bleu(gold, pred, new double[] {1, 0, 0, 0});
  }

  /** {@code bleu_4}: {@code sentence_bleu} with weights (0, 0, 0, 1). */
  public static double bleu4(String gold, String pred) {
    return pred == null ? 0 : bleu(gold, pred, new double[] {0, 0, 0, 1});
  }

  /** NLTK's {@code sentence_bleu} with one reference and no smoothing. */
  public static double bleu(String gold, String pred, double[] weights) {
    List<String> reference = NltkWordTokenizer.tokenize(gold);
    List<String> hypothesis = NltkWordTokenizer.tokenize(pred);
    double logSum = 0;
    // math.fsum of w·log(p); the terms are few, so plain summation in order is exact enough.
    for (int n = 1; n <= weights.length; n++) {
      Map<List<String>, Integer> counts = ngrams(hypothesis, n);
      Map<List<String>, Integer> refCounts = ngrams(reference, n);
      long numerator = 0;
      long total = 0;
      for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
        numerator += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
        total += e.getValue();
      }
      long denominator = Math.max(1, total);
      if (n == 1 && numerator == 0) {
        return 0;
      }
      double p = numerator == 0 ? Double.MIN_NORMAL : (double) numerator / denominator;
      logSum += weights[n - 1] * Math.log(p);
    }
    int c = hypothesis.size();
    int r = reference.size();
    double bp = c > r ? 1 : c == 0 ? 0 : Math.exp(1 - (double) r / c);
    return bp * Math.exp(logSum);
  }

  private static double rougeN(List<String> target, List<String> prediction, int n) {
    Map<List<String>, Integer> t = ngrams(target, n);
    Map<List<String>, Integer> p = ngrams(prediction, n);
    long overlap = 0;
    for (Map.Entry<List<String>, Integer> e : t.entrySet()) {
      overlap += Math.min(e.getValue(), p.getOrDefault(e.getKey(), 0));
    }
    long targetCount = Math.max(0, target.size() - n + 1);
    long predictionCount = Math.max(0, prediction.size() - n + 1);
    double precision = (double) overlap / Math.max(predictionCount, 1);
    double recall = (double) overlap / Math.max(targetCount, 1);
    return fmeasure(precision, recall);
  }

  private static double fmeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return counts;
  }
}
