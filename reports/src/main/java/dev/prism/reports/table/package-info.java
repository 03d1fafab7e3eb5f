/**
 * Table models built by pure functions of a {@link dev.prism.reports.model.SuiteReport}: the
 * leaderboard ({@link dev.prism.reports.table.LeaderboardBuilder}) and HELM's mean win rate ({@link
 * dev.prism.reports.table.WinRates}). Renderers in other packages turn a {@link
 * dev.prism.reports.table.Table} into HTML or JSON without any statistics logic of their own.
 */
package dev.prism.reports.table;
