/**
 * Prompt assembly: HELM's eval down-sampling, in-context example sampling and prompt text, from
 * {@link dev.prism.scenarios.prompt.RequestPlanner}.
 */
package dev.prism.scenarios.prompt;
