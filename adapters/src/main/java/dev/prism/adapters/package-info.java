/**
 * Model adapters and the deployment catalogue. Offline adapters live here: {@code simple} baselines
 * and {@code replay} of saved predictions.
 */
package dev.prism.adapters;
