/**
 * Renderers of {@link dev.prism.reports.table.Table}: CSV, Markdown, LaTeX, JSON and HTML, chosen
 * by {@link dev.prism.reports.format.TableFormat}. Rendering only formats and escapes.
 */
package dev.prism.reports.format;
