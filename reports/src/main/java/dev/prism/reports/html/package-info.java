/**
 * The static site: {@link dev.prism.reports.html.SiteWriter} renders a suite's leaderboard, one
 * page per run and the JSON they were built from. Pages are self-contained (inline CSS, no scripts,
 * no network) and byte-for-byte deterministic.
 */
package dev.prism.reports.html;
