/**
 * The langchain4j route: adapter kinds {@code langchain4j-openai}, {@code langchain4j-anthropic},
 * {@code langchain4j-gemini} and {@code langchain4j-ollama}, which call the providers through
 * langchain4j's chat models instead of Prism's own OkHttp clients, with the same options, error
 * kinds, capabilities and key handling. langchain4j's own retries are off: the engine retries.
 */
package dev.prism.adapters.langchain4j;
