/**
 * Charts as data ({@link dev.prism.reports.plot.Plots} builds them from the leaderboard tables) and
 * their inline SVG renderer ({@link dev.prism.reports.plot.Svg}), written by the project: no
 * charting library, no scripts.
 */
package dev.prism.reports.plot;
