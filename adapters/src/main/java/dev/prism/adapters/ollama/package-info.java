/** Ollama's native API ({@code POST /api/generate} or {@code /api/chat}). No log-probabilities. */
package dev.prism.adapters.ollama;
