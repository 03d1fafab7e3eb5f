/** Scenarios defined by YAML or JSONL files rather than code. */
package dev.prism.scenarios.declarative;
