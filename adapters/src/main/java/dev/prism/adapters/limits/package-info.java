/**
 * Per-deployment rate limits: a fair, adaptive (AIMD) concurrency cap, requests-per-minute and
 * tokens-per-minute token buckets, and a deployment-wide pause when a server asks for one ({@code
 * Retry-After}). {@link dev.prism.adapters.limits.RateLimits#wrap} puts a deployment's client
 * behind them.
 */
package dev.prism.adapters.limits;
