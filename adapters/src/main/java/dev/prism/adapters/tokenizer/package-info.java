/**
 * Tokenizers for counting prompt tokens and fitting prompts into context windows, all offline:
 * {@link dev.prism.adapters.tokenizer.TiktokenTokenizer} (OpenAI encodings bundled in jtokkit),
 * {@link dev.prism.adapters.tokenizer.HuggingFaceTokenizer} (a local {@code tokenizer.json} through
 * DJL) and the approximate {@link dev.prism.adapters.tokenizer.SimpleTokenizer}; {@link
 * dev.prism.adapters.tokenizer.Tokenizers} picks one for a deployment.
 */
package dev.prism.adapters.tokenizer;
