/**
 * Text processing shared by the text metrics: NLTK's word tokenizer and Porter stemmer, and the
 * rouge-score tokenizer.
 */
package dev.prism.metrics.text;
