package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.Reference;
import dev.prism.core.RequestState;
import dev.prism.core.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ContextWindowFittingTests {
  /** One token per run of non-blank characters. */
  private static final PromptTokenizer WORDS =
      new PromptTokenizer() {
        private final Pattern word = Pattern.compile("\\S+");

        @Override
        public int count(String text) {
          return (int) word.matcher(text).results().count();
        }

        @Override
        public String truncate(String text, int maxTokens) {
          if (maxTokens <= 0) {
            return "";
          }
          Matcher m = word.matcher(text);
          int end = text.length();
          for (int n = 0; n < maxTokens; n++) {
            if (!m.find()) {
              return text;
            }
            end = m.end();
          }
          return text.substring(0, end);
        }
      };

  // Example blocks are "Q: q-trainN\nA: a-trainN\n" (4 words), the eval block "Q: <input>\nA:".
  private static final PromptFormat FORMAT =
      PromptFormat.defaults().toBuilder()
          .inputPrefix("Q: ")
          .outputPrefix("A: ")
          .maxTrainInstances(3)
          .numOutputs(1)
          .maxTokens(2)
          .build();

  @Test
  void promptThatFitsIsUnchanged() {
    List<Instance> instances = instances(5, "x", "y z");
    List<RequestState> plain = RequestPlanner.plan(instances, FORMAT, "acme/m");
    // 3 examples (12 words) + eval (3 or 4 words) + 2 completion tokens = 18 at most.
    assertThat(RequestPlanner.plan(instances, FORMAT, "acme/m", WORDS, 18)).isEqualTo(plain);
    assertThat(plain).allSatisfy(s -> assertThat(s.numTrainInstances()).isEqualTo(3));
  }

  @Test
  void lastExamplesAreDroppedOneByOne() {
    List<Instance> instances = instances(5, "x");
    String full = RequestPlanner.plan(instances, FORMAT, "acme/m").get(0).request().prompt();
    List<String> blocks = Arrays.asList(full.split("\n\n"));
    assertThat(blocks).hasSize(4);

    // Full prompt: 15 words + 2 = 17. Each dropped example saves 4 words.
    int[][] limitToKept = {{17, 3}, {16, 2}, {13, 2}, {12, 1}, {9, 1}, {8, 0}, {5, 0}};
    for (int[] c : limitToKept) {
      RequestState s = RequestPlanner.plan(instances, FORMAT, "acme/m", WORDS, c[0]).get(0);
      int kept = c[1];
      List<String> expected = new ArrayList<>(blocks.subList(0, kept));
      expected.add(blocks.get(3));
      assertThat(s.request().prompt())
          .as("limit %d", c[0])
          .isEqualTo(String.join("\n\n", expected));
      assertThat(s.numTrainInstances()).as("limit %d", c[0]).isEqualTo(kept);
      assertThat(s.promptTruncated()).as("limit %d", c[0]).isFalse();
    }
  }

  @Test
  void eachEvalInstanceKeepsAsManyExamplesAsFit() {
    List<Instance> instances = instances(5, "short", "a much longer question here");
    List<RequestState> states = RequestPlanner.plan(instances, FORMAT, "acme/m", WORDS, 13);
    assertThat(states).extracting(RequestState::numTrainInstances).containsExactly(2, 1);
  }

  @Test
  void everyTrialFitsItsOwnExamples() {
    PromptFormat twoTrials = FORMAT.toBuilder().numTrainTrials(2).build();
    List<Instance> instances = instances(8, "x");
    List<RequestState> plain = RequestPlanner.plan(instances, twoTrials, "acme/m");
    List<RequestState> fitted = RequestPlanner.plan(instances, twoTrials, "acme/m", WORDS, 12);
    assertThat(fitted).hasSize(2);
    for (int t = 0; t < 2; t++) {
      String[] blocks = plain.get(t).request().prompt().split("\n\n");
      assertThat(fitted.get(t).request().prompt()).isEqualTo(blocks[0] + "\n\n" + blocks[3]);
      assertThat(fitted.get(t).trainTrialIndex()).isEqualTo(t);
    }
  }

  @Test
  void zeroShotPromptTooLongIsTruncatedFromTheRight() {
    List<Instance> instances = instances(5, "one two three four five");
    RequestState s = RequestPlanner.plan(instances, FORMAT, "acme/m", WORDS, 6).get(0);
    assertThat(s.numTrainInstances()).isZero();
    assertThat(s.promptTruncated()).isTrue();
    assertThat(s.request().prompt()).isEqualTo("Q: one two three");
    assertThat(WORDS.count(s.request().prompt()) + FORMAT.maxTokens()).isLessThanOrEqualTo(6);
  }

  @Test
  void zeroShotFormatIsOnlyTruncatedWhenTooLong() {
    PromptFormat zeroShot = FORMAT.toBuilder().maxTrainInstances(0).build();
    List<Instance> instances = instances(5, "a b");
    RequestState fits = RequestPlanner.plan(instances, zeroShot, "acme/m", WORDS, 6).get(0);
    assertThat(fits.request().prompt()).isEqualTo("Q: a b\nA:");
    assertThat(fits.promptTruncated()).isFalse();
    assertThat(fits.numTrainInstances()).isZero();

    RequestState cut = RequestPlanner.plan(instances, zeroShot, "acme/m", WORDS, 5).get(0);
    assertThat(cut.request().prompt()).isEqualTo("Q: a b");
    assertThat(cut.promptTruncated()).isTrue();
  }

  @Test
  void completionLongerThanTheWindowLeavesAnEmptyPrompt() {
    RequestState s = RequestPlanner.plan(instances(2, "x"), FORMAT, "acme/m", WORDS, 2).get(0);
    assertThat(s.request().prompt()).isEmpty();
    assertThat(s.promptTruncated()).isTrue();
    assertThat(s.numTrainInstances()).isZero();
  }

  @Test
  void bridgesAnyTokenizerThroughMethodReferences() {
    AtomicInteger calls = new AtomicInteger();
    PromptTokenizer counted =
        PromptTokenizer.of(
            text -> {
              calls.incrementAndGet();
              return WORDS.count(text);
            },
            WORDS::truncate);
    RequestPlanner.plan(instances(5, "x"), FORMAT, "acme/m", counted, 12);
    // 3, 2 and 1 examples are counted; 1 fits.
    assertThat(calls).hasValue(3);
  }

  @Test
  void rejectsAWindowWithNoRoom() {
    assertThatThrownBy(() -> RequestPlanner.plan(instances(1, "x"), FORMAT, "acme/m", WORDS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRequestLength");
  }

  private static List<Instance> instances(int train, String... tests) {
    List<Instance> result = new ArrayList<>();
    for (int i = 0; i < train; i++) {
      result.add(
          Instance.of(
              "train" + i, "q-train" + i, List.of(Reference.correct("a-train" + i)), Split.TRAIN));
    }
    for (int i = 0; i < tests.length; i++) {
      result.add(Instance.of("test" + i, tests[i], List.of(Reference.correct("y")), Split.TEST));
    }
    return result;
  }
}
