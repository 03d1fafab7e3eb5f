/**
 * Prompt assembly: HELM's eval down-sampling, in-context example sampling and prompt text, from
 * {@link dev.prism.scenarios.prompt.RequestPlanner}, with optional context-window fitting against a
 * {@link dev.prism.scenarios.prompt.PromptTokenizer}.
 */
package dev.prism.scenarios.prompt;
