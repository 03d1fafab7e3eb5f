package dev.prism.adapters;

/**
 * What a deployment can do, declared by its adapter (see {@link AdapterCapabilities}). Scenarios
 * and prompt formats state what they need; the runner compares the two before the first call and
 * either picks a fallback (and records it) or skips the run with the reason.
 */
public enum Capability {
  /** The prompt is continued as raw text; no chat template is applied by the server. */
  TEXT_COMPLETION,
  /**
   * The server applies the model's chat template: a prompt is sent as one user turn, and a
   * request's chat messages (prompt method {@code chat}) are sent as they are. A deployment with
   * {@code CHAT} but without {@link #TEXT_COMPLETION} is chat-only; one without {@code CHAT} cannot
   * run prompt method {@code chat}.
   */
  CHAT,
  /** Each generated token comes back with its log-probability. */
  LOGPROBS,
  /** The most likely alternatives for each generated token are available (HELM's top_k). */
  TOP_LOGPROBS,
  /**
   * The prompt can be echoed with the log-probability of every prompt token (HELM's {@code
   * echo_prompt}), which multiple-choice-separate and language-modelling prompt formats need.
   */
  PROMPT_LOGPROBS,
  /**
   * Several completions per request ({@code numCompletions > 1}), natively or by repeated calls.
   */
  MULTIPLE_COMPLETIONS,
  /** Stop sequences are honoured (by the server or by truncating the text afterwards). */
  STOP_SEQUENCES,
  /** Tokens are streamed, so time to first token is measured. */
  STREAMING
}
