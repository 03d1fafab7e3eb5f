package dev.prism.scenarios.prompt;

import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;

/**
 * HELM's run-spec rule for a changed {@code method}: {@code get_multiple_choice_adapter_spec}
 * builds a completely different spec for the separate methods ({@code
 * get_multiple_choice_separate_adapter_spec}: no instructions, no prefixes, output prefix " ", no
 * examples, nothing generated), because they score the text of each reference as a continuation of
 * the input. {@code get_language_modeling_adapter_spec} likewise.
 *
 * <pre>{@code
 * PromptFormat f = MethodFormats.withMethod(mmluFormat, PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL);
 * }</pre>
 */
public final class MethodFormats {
  private MethodFormats() {}

  /**
   * {@code base} switched to {@code method}: HELM's separate or language-modelling spec (keeping
   * {@code base}'s eval-instance limit) when {@code method} is one of those and {@code base} is not
   * already of that kind; otherwise {@code base} with the method replaced.
   */
  public static PromptFormat withMethod(PromptFormat base, PromptMethod method) {
    boolean toSeparate = RequestPlanner.isSeparate(method);
    if (toSeparate && !RequestPlanner.isSeparate(base.method())) {
      return separate(method).toBuilder().maxEvalInstances(base.maxEvalInstances()).build();
    }
    if (method == PromptMethod.LANGUAGE_MODELING && base.method() != method) {
      return languageModeling().toBuilder().maxEvalInstances(base.maxEvalInstances()).build();
    }
    return base.toBuilder().method(method).build();
  }

  /** HELM's {@code get_multiple_choice_separate_adapter_spec(method)}: "input reference". */
  public static PromptFormat separate(PromptMethod method) {
    if (!RequestPlanner.isSeparate(method)) {
      throw new IllegalArgumentException(method.helmName() + " is not a separate method");
    }
    return bare(method).outputPrefix(" ").build();
  }

  /** HELM's {@code get_language_modeling_adapter_spec()}: the input alone. */
  public static PromptFormat languageModeling() {
    return bare(PromptMethod.LANGUAGE_MODELING).outputPrefix("").build();
  }

  private static PromptFormat.Builder bare(PromptMethod method) {
    return PromptFormat.defaults().toBuilder()
        .method(method)
        .instructions("")
        .inputPrefix("")
        .inputSuffix("")
        .outputSuffix("")
        .maxTrainInstances(0)
        .numOutputs(1)
        .maxTokens(0)
        .temperature(0);
  }
}
