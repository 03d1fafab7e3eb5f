/**
 * Google's Gemini API ({@code POST /v1beta/models/{model}:generateContent}). No log-probabilities.
 */
package dev.prism.adapters.gemini;
