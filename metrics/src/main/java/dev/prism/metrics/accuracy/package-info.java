/**
 * The accuracy family: HELM's reference-match metrics ({@code exact_match}, {@code
 * quasi_exact_match}, {@code prefix_exact_match}, {@code quasi_prefix_exact_match}, {@code
 * f1_score}, {@code exact_match_indicator}, {@code final_number_exact_match}, {@code
 * exact_set_match}, {@code iou_set_match}, {@code f1_set_match}, {@code math_equiv}, {@code
 * math_equiv_chain_of_thought}). The scoring functions are pure and public in {@link
 * dev.prism.metrics.accuracy.AccuracyFunctions} and {@link
 * dev.prism.metrics.accuracy.MathEquivalence}; each metric class wires one of them into HELM's
 * per-request flow ({@code compute_reference_metrics}):
 *
 * <ul>
 *   <li>golds = the instance's correct references; none → the metric returns no stat; nor for a
 *       per-reference request (separate multiple choice), which {@link
 *       dev.prism.metrics.accuracy.SeparateChoiceMetric} scores;
 *   <li>preds = completion texts, stripped, highest log-probability first (stable for ties); a
 *       failed request or one without completions counts as one empty completion (score 0);
 *   <li>with an output mapping (joint multiple choice), each pred is replaced by its mapped text,
 *       or by {@code null} (score 0) when unmapped;
 *   <li>stat {@code <id>} = max over golds of {@code f(gold, preds[0])}; when the request asked for
 *       {@code k != 1} completions, also {@code <id>@k} = max over golds and preds.
 * </ul>
 *
 * <p>{@link dev.prism.metrics.accuracy.RankingMetric} ({@code RR@10}, {@code NDCG@10}, … for MS
 * MARCO) is different: it scores all per-document requests of a query together.
 *
 * <p>Also here: separate multiple-choice scoring ({@link
 * dev.prism.metrics.accuracy.SeparateChoiceMetric}) and the language-modelling stats ({@link
 * dev.prism.metrics.accuracy.LanguageModelingMetric}, {@link
 * dev.prism.metrics.accuracy.PerplexityMetric}).
 */
package dev.prism.metrics.accuracy;
