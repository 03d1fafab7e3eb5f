/** The bias family: HELM's demographic representation and stereotypical association scores. */
package dev.prism.metrics.bias;
