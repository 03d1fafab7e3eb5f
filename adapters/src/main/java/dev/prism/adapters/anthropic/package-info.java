/** Anthropic's Messages API ({@code POST /v1/messages}). No log-probabilities. */
package dev.prism.adapters.anthropic;
