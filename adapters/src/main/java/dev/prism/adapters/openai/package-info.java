/**
 * OpenAI's HTTP API and servers that imitate it (vLLM, SGLang, TGI's OpenAI route, llama.cpp
 * server, LM Studio): {@code /v1/chat/completions}, optionally streamed, and the legacy {@code
 * /v1/completions} with {@code echo} and {@code logprobs} for prompt log-probabilities.
 */
package dev.prism.adapters.openai;
