package dev.prism.scenarios.helm;

import dev.prism.core.PromptFormat;
import java.util.Map;

/**
 * A scenario whose HELM prompt depends on its arguments (MMLU's subject in the instructions, RAFT's
 * per-subset instructions). {@link dev.prism.core.Scenario#promptFormat()} cannot see the
 * arguments, so a runner that finds this interface should call {@link #promptFormat(Map)} with the
 * run entry's scenario arguments instead.
 *
 * <pre>{@code
 * PromptFormat format = scenario instanceof PromptFormatForArgs p
 *     ? p.promptFormat(args) : scenario.promptFormat();
 * }</pre>
 */
public interface PromptFormatForArgs {
  /**
   * HELM's prompt format for these scenario arguments.
   *
   * @throws dev.prism.core.PrismUserException for arguments the scenario rejects
   */
  PromptFormat promptFormat(Map<String, String> args);
}
