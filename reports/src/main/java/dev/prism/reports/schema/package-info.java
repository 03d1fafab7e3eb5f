/**
 * The leaderboard layout as data: {@link dev.prism.reports.schema.LeaderboardSchema} (HELM's schema
 * YAML) declares metric groups, run groups, display names and which metrics are lower-is-better.
 */
package dev.prism.reports.schema;
