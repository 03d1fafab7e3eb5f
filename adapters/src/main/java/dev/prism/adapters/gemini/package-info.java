/**
 * Google's Gemini API ({@code POST /v1beta/models/{model}:generateContent}), with token
 * log-probabilities where the model returns them ({@code logprobs: true}).
 */
package dev.prism.adapters.gemini;
