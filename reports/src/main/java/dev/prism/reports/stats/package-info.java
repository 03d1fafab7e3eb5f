/**
 * Statistics beyond HELM: seeded bootstrap confidence intervals and paired tests (McNemar, paired
 * bootstrap) on per-instance values. Pure functions, no rendering.
 */
package dev.prism.reports.stats;
