/**
 * Model adapters and the deployment catalogue.
 *
 * <ul>
 *   <li>Offline: {@code simple} baselines and {@code replay} of saved predictions.
 *   <li>HTTP, each on its own small OkHttp + Jackson client: {@code openai} and {@code
 *       openai-compatible} (vLLM, SGLang, TGI, llama.cpp, LM Studio; chat, streamed chat, legacy
 *       completions with echo), {@code anthropic}, {@code gemini}, {@code ollama}.
 *   <li>{@link dev.prism.adapters.DeploymentCatalog}: built-ins plus {@code models.yaml}; {@link
 *       dev.prism.adapters.DeploymentSettings}: tokenizer, prices, limits.
 *   <li>{@link dev.prism.adapters.tokenizer.Tokenizers}: the deployment's tokenizer, offline
 *       (tiktoken encodings, a local {@code tokenizer.json}, or an approximate fallback).
 *   <li>{@link dev.prism.adapters.AdapterCapabilities}: what a deployment provides ({@link
 *       dev.prism.adapters.Capability}), for choosing prompt-format fallbacks.
 * </ul>
 *
 * <p>Failure contract of every HTTP adapter: model and network failures are returned as failed
 * results with an {@link dev.prism.core.ErrorKind} (see {@link
 * dev.prism.adapters.http.HttpErrors}), never thrown; the runner owns retries. A server-requested
 * wait ends the error message as {@code retry_after_s=N} (whole seconds), read back with {@link
 * dev.prism.adapters.http.RetryAfter#seconds(String)}. API keys come only from the environment
 * variable named by {@code api_key_env} or the file named by {@code api_key_file}, and never appear
 * in results, messages or {@code toString}. Rate limits: {@link
 * dev.prism.adapters.limits.RateLimits}.
 */
package dev.prism.adapters;
