/**
 * Instance files: HELM's Instance JSON shape ({@link dev.prism.scenarios.io.InstanceJson}) and CSV
 * ({@link dev.prism.scenarios.io.Csv}).
 */
package dev.prism.scenarios.io;
