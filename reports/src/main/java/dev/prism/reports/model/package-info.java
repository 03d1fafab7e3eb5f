/**
 * The records a report is built from. The runner loads runs, stats and instances from its store and
 * hands them over as a {@link dev.prism.reports.model.SuiteReport}; nothing in the reports module
 * touches a database.
 */
package dev.prism.reports.model;
