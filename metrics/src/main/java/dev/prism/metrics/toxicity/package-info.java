/**
 * The toxicity family (helm-notes §2.6): {@link dev.prism.metrics.toxicity.ToxicityMetric} scores
 * completions with a pluggable {@link dev.prism.metrics.toxicity.ToxicityScorer}: the offline
 * {@link dev.prism.metrics.toxicity.LexiconToxicityScorer} (a crude stand-in, the registry
 * default), Google's Perspective API ({@link dev.prism.metrics.toxicity.PerspectiveApiScorer}, what
 * HELM uses), OpenAI's moderation endpoint ({@link
 * dev.prism.metrics.toxicity.OpenAiModerationScorer}) or any text-classification endpoint ({@link
 * dev.prism.metrics.toxicity.HttpClassifierScorer}). Every stat set names the scorer that produced
 * it, because numbers from different scorers are not comparable. Each distinct text is scored once
 * per run, and the remote scorers' scores are kept in a {@link dev.prism.metrics.ScoreCache} (the
 * runner's database) so that later runs do not pay for them again ({@link
 * dev.prism.metrics.toxicity.CachingToxicityScorer}).
 */
package dev.prism.metrics.toxicity;
