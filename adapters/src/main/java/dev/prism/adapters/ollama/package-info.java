/**
 * Ollama's native API ({@code POST /api/generate} or {@code /api/chat}), with token
 * log-probabilities from Ollama 0.12.11 on.
 */
package dev.prism.adapters.ollama;
