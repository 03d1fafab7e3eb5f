/**
 * Shared plumbing of the HTTP adapters: an OkHttp transport with hard timeouts and interruptible
 * calls, classification of HTTP statuses and I/O failures into {@link dev.prism.core.ErrorKind}s,
 * {@code Retry-After} handling, API keys that never print, and HELM's post-hoc truncation at stop
 * sequences.
 */
package dev.prism.adapters.http;
