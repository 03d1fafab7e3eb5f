/**
 * The toxicity family (helm-notes §2.6): {@link dev.prism.metrics.toxicity.ToxicityMetric} scores
 * completions with a pluggable {@link dev.prism.metrics.toxicity.ToxicityScorer}: the offline
 * {@link dev.prism.metrics.toxicity.LexiconToxicityScorer} (a crude stand-in, the registry
 * default), Google's Perspective API ({@link dev.prism.metrics.toxicity.PerspectiveApiScorer}, what
 * HELM uses) or any text-classification endpoint ({@link
 * dev.prism.metrics.toxicity.HttpClassifierScorer}). Every stat set names the scorer that produced
 * it, because numbers from different scorers are not comparable.
 */
package dev.prism.metrics.toxicity;
