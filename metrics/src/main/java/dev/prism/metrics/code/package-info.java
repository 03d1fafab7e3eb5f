/**
 * Running generated code: {@link dev.prism.metrics.code.PythonSandbox} runs Python programs in
 * separate, limited {@code python3} processes and reports an {@link
 * dev.prism.metrics.code.Execution} per program. Used by the {@code code_eval} metric.
 */
package dev.prism.metrics.code;
