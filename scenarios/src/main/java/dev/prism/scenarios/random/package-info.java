/**
 * Exact ports of the random number generators HELM relies on (CPython {@code random}, numpy legacy
 * {@code np.random}), so seeded choices match HELM bit for bit.
 */
package dev.prism.scenarios.random;
