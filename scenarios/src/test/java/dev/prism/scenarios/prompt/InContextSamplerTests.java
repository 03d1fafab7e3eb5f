package dev.prism.scenarios.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected orders come from a Python transcription of the sampler with HELM's two bugs fixed, run
 * on CPython 3.11's {@code random}; where HELM terminates normally the result equals HELM's.
 */
class InContextSamplerTests {
  /** Labels x (3), y (2), z (1) and four unlabelled instances, interleaved. */
  private static final List<Instance> MIXED =
      train(
          "a1", "x", "u1", null, "b1", "y", "a2", "x", "u2", null, "c1", "z", "u3", null, "a3", "x",
          "b2", "y", "u4", null);

  @Test
  void mixedPoolTerminatesAndFillsFromUnlabelledInstances() {
    // HELM loops forever here: its itertools.cycle never runs out of (empty) labels.
    List<Instance> chosen =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> InContextSampler.sample(MIXED, 8, 0, true));
    assertThat(inputs(chosen)).containsExactly("a2", "b2", "c1", "a3", "b1", "a1", "u3", "u2");
    assertThat(inputs(InContextSampler.sample(MIXED, 8, 1, true)))
        .containsExactly("a1", "b1", "c1", "a2", "b2", "a3", "u4", "u3");
  }

  @Test
  void labelledPoolLargeEnoughBehavesExactlyLikeHelm() {
    assertThat(inputs(InContextSampler.sample(MIXED, 3, 2, true)))
        .containsExactly("a1", "b1", "c1");
  }

  @Test
  void emptyStringIsALabel() {
    // HELM stops at the falsy label "" and returns fewer examples than asked for.
    List<Instance> pool = train("e1", "", "e2", "", "n1", "no", "y1", "yes");
    assertThat(inputs(InContextSampler.sample(pool, 4, 0, true)))
        .containsExactly("e2", "n1", "y1", "e1");
    assertThat(inputs(InContextSampler.sample(pool, 3, 5, true))).containsExactly("e2", "n1", "y1");
  }

  @Test
  void unlabelledPoolUsesRandomSample() {
    List<Instance> pool = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pool.add(Instance.of("id" + i, "u" + i, List.of(Reference.wrong("w")), Split.TRAIN));
    }
    assertThat(inputs(InContextSampler.sample(pool, 3, 0, true))).containsExactly("u3", "u5", "u0");
  }

  @Test
  void sequentialSlicesClampLikePython() {
    List<Instance> pool = train("p0", "a", "p1", "b", "p2", "c", "p3", "d", "p4", "e");
    assertThat(inputs(InContextSampler.sample(pool, 2, 0, false))).containsExactly("p0", "p1");
    assertThat(inputs(InContextSampler.sample(pool, 2, 2, false))).containsExactly("p4");
    assertThat(InContextSampler.sample(pool, 2, 7, false)).isEmpty();
  }

  @Test
  void neverMoreThanThereAre() {
    List<Instance> pool = train("p0", "a", "p1", "a");
    assertThat(InContextSampler.sample(pool, 5, 0, true)).hasSize(2);
    assertThat(InContextSampler.sample(List.of(), 5, 0, true)).isEmpty();
    assertThat(InContextSampler.sample(pool, 0, 0, true)).isEmpty();
  }

  /** Pairs of (input, label); a {@code null} label makes an instance without correct reference. */
  private static List<Instance> train(String... pairs) {
    List<Instance> result = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      List<Reference> refs =
          pairs[i + 1] == null ? List.of() : List.of(Reference.correct(pairs[i + 1]));
      result.add(Instance.of("id" + result.size(), pairs[i], refs, Split.TRAIN));
    }
    return result;
  }

  private static List<String> inputs(List<Instance> instances) {
    return instances.stream().map(Instance::input).toList();
  }
}
