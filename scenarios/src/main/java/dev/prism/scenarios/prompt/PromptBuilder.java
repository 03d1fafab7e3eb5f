package dev.prism.scenarios.prompt;

import dev.prism.core.Instance;
import dev.prism.core.PrismUserException;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds prompt text the way HELM's {@code GenerationAdapter}, {@code MultipleChoiceJointAdapter},
 * {@code MultipleChoiceSeparateAdapter} and {@code BinaryRankingAdapter} do, together with HELM's
 * {@code Prompt.text}:
 *
 * <pre>
 * text  = global_prefix + instance_prefix.join([instructions]? + train_blocks + [eval_block]) + global_suffix
 * train = input_prefix + input + input_suffix [+ references] + output_prefix + gold + output_suffix
 * eval  = input_prefix + input + input_suffix [+ references] + output_prefix.rstrip()
 * eval for reference i (separate multiple choice)
 *       = input_prefix + input + input_suffix + output_prefix + references[i] + output_suffix
 * ranking_binary, per reference (all references of a train example, one eval reference):
 * passage = reference_prefix + reference + reference_suffix + input_prefix + input + input_suffix
 *           + (train: output_prefix + ("Yes" if correct else "No") + output_suffix
 *              | eval: output_prefix.rstrip())
 * train = instance_prefix.join(passage blocks of every reference)
 * </pre>
 *
 * <p>The part before the eval block is the same for every eval instance of a trial, so it is built
 * once ({@link #head}). Immutable.
 */
final class PromptBuilder {
  private static final String DELIMITER = ", ";
  private static final String NO_CORRECT_REFERENCES = "n/a";

  /** The methods whose prompts are built here (language modelling and chat have their own). */
  private static final Set<PromptMethod> SUPPORTED =
      EnumSet.of(
          PromptMethod.GENERATION,
          PromptMethod.MULTIPLE_CHOICE_JOINT,
          PromptMethod.MULTIPLE_CHOICE_SEPARATE_ORIGINAL,
          PromptMethod.MULTIPLE_CHOICE_SEPARATE_CALIBRATED,
          PromptMethod.RANKING_BINARY);

  /** HELM's {@code BinaryRankingAdapter.RANKING_CORRECT_LABEL} / {@code RANKING_WRONG_LABEL}. */
  static final String RANKING_CORRECT_LABEL = "Yes";

  static final String RANKING_WRONG_LABEL = "No";

  private final PromptFormat format;
  private final boolean joint;
  private final boolean ranking;
  private final String evalOutputPrefix;

  // Joint multiple choice: the index of the letter in reference_prefix, and that letter.
  private final int letterIndex;
  private final int firstLetter;

  PromptBuilder(PromptFormat format) {
    this.format = format;
    this.joint = format.method() == PromptMethod.MULTIPLE_CHOICE_JOINT;
    this.ranking = format.method() == PromptMethod.RANKING_BINARY;
    if (!SUPPORTED.contains(format.method())) {
      // RequestPlanner hands language modelling and chat to their own planners.
      throw new IllegalArgumentException(
          "prompt method '" + format.method().helmName() + "' has no prompt text to build");
    }
    this.evalOutputPrefix = PyText.rstrip(format.outputPrefix());
    String prefix = format.referencePrefix();
    int at = 0;
    while (at < prefix.length() && !Character.isLetterOrDigit(prefix.codePointAt(at))) {
      at += Character.charCount(prefix.codePointAt(at));
    }
    if (joint && at == prefix.length()) {
      throw new PrismUserException(
          "reference_prefix '" + prefix + "' has no letter or digit to count up from",
          "Use for example 'A. '");
    }
    this.letterIndex = at;
    this.firstLetter = at < prefix.length() ? prefix.codePointAt(at) : 0;
  }

  /** Everything before the eval block: global prefix, instructions and example blocks. */
  String head(List<Instance> examples) {
    StringBuilder sb = new StringBuilder(format.globalPrefix());
    if (!format.instructions().isEmpty()) {
      sb.append(format.instructions()).append(format.instancePrefix());
    }
    for (Instance example : examples) {
      if (ranking) {
        // HELM's BinaryRankingAdapter: a train example is one labelled block per reference,
        // joined like the blocks of the prompt.
        for (int i = 0; i < example.references().size(); i++) {
          if (i > 0) {
            sb.append(format.instancePrefix());
          }
          appendRankingBlock(sb, example, i, true);
        }
      } else {
        appendBlock(sb, example, true);
      }
      sb.append(format.instancePrefix());
    }
    return sb.toString();
  }

  /**
   * The whole {@code ranking_binary} prompt asking whether reference {@code referenceIndex} of
   * {@code eval} answers its input, after {@code head}.
   */
  String rankingPrompt(String head, Instance eval, int referenceIndex) {
    StringBuilder sb = new StringBuilder(head);
    appendRankingBlock(sb, eval, referenceIndex, false);
    return sb.append(format.globalSuffix()).toString();
  }

  private void appendRankingBlock(
      StringBuilder sb, Instance instance, int referenceIndex, boolean withOutput) {
    Reference ref = instance.references().get(referenceIndex);
    sb.append(format.referencePrefix()).append(ref.text()).append(format.referenceSuffix());
    sb.append(format.inputPrefix()).append(instance.input()).append(format.inputSuffix());
    if (withOutput) {
      sb.append(format.outputPrefix())
          .append(ref.isCorrect() ? RANKING_CORRECT_LABEL : RANKING_WRONG_LABEL)
          .append(format.outputSuffix());
    } else {
      sb.append(evalOutputPrefix);
    }
  }

  /** The whole prompt for {@code eval} after {@code head}. */
  String prompt(String head, Instance eval) {
    StringBuilder sb = new StringBuilder(head);
    appendBlock(sb, eval, false);
    return sb.append(format.globalSuffix()).toString();
  }

  /**
   * The whole prompt that scores reference {@code referenceIndex} of {@code eval} after {@code
   * head}: HELM's {@code construct_prompt(..., include_output=True, reference_index=i)}, the eval
   * block ending with output_prefix, the reference's text and output_suffix.
   */
  String referencePrompt(String head, Instance eval, int referenceIndex) {
    StringBuilder sb = new StringBuilder(head);
    sb.append(format.inputPrefix()).append(eval.input()).append(format.inputSuffix());
    sb.append(format.outputPrefix())
        .append(eval.references().get(referenceIndex).text())
        .append(format.outputSuffix());
    return sb.append(format.globalSuffix()).toString();
  }

  /** For joint multiple choice, letter → reference text of {@code eval}; else empty. */
  Map<String, String> outputMapping(Instance eval) {
    Map<String, String> mapping = new LinkedHashMap<>();
    if (joint) {
      List<Reference> refs = eval.references();
      for (int i = 0; i < refs.size(); i++) {
        mapping.put(letter(i), refs.get(i).text());
      }
    }
    return mapping;
  }

  private void appendBlock(StringBuilder sb, Instance instance, boolean withOutput) {
    sb.append(format.inputPrefix()).append(instance.input()).append(format.inputSuffix());
    if (joint) {
      List<Reference> refs = instance.references();
      for (int i = 0; i < refs.size(); i++) {
        sb.append(referencePrefix(i)).append(refs.get(i).text()).append(format.referenceSuffix());
      }
    }
    if (withOutput) {
      sb.append(format.outputPrefix()).append(gold(instance)).append(format.outputSuffix());
    } else {
      sb.append(evalOutputPrefix);
    }
  }

  /**
   * The gold output of an example: the first correct reference (all of them joined by ", " when
   * multi_label), as text for generation and as letters for joint multiple choice; "n/a" if none.
   */
  private String gold(Instance instance) {
    List<Reference> refs = instance.references();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      if (refs.get(i).isCorrect()) {
        parts.add(joint ? letter(i) : refs.get(i).text());
        if (!format.multiLabel()) {
          break;
        }
      }
    }
    return parts.isEmpty() ? NO_CORRECT_REFERENCES : String.join(DELIMITER, parts);
  }

  /**
   * HELM's {@code get_reference_prefix}: reference_prefix with its letter counted up by {@code i}
   * ({@code "A. "} → {@code "C. "} for i = 2). HELM takes the first non-blank character of the
   * prefix as the letter; Prism takes the first letter or digit, which is the same character for
   * every prefix that starts (after blanks) with its letter, and sensible for {@code "(A) "}.
   */
  private String referencePrefix(int i) {
    String prefix = format.referencePrefix();
    return prefix.substring(0, letterIndex)
        + letter(i)
        + prefix.substring(letterIndex + Character.charCount(firstLetter));
  }

  private String letter(int i) {
    return Character.toString(firstLetter + i);
  }
}
