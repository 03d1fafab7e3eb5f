/**
 * Prism's plugin API and data model: the records that cross module boundaries ({@link
 * dev.prism.core.Instance}, {@link dev.prism.core.Request}, {@link dev.prism.core.Stat}, …) and the
 * small service-provider interfaces ({@link dev.prism.core.Scenario}, {@link
 * dev.prism.core.ModelAdapter}, {@link dev.prism.core.Metric}) that built-in and third-party
 * plugins implement. This module has no runtime dependencies.
 */
package dev.prism.core;
