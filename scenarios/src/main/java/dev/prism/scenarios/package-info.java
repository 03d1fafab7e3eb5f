/** Scenario discovery and lookup: {@link dev.prism.scenarios.ScenarioRegistry}. */
package dev.prism.scenarios;
