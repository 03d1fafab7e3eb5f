package dev.prism.scenarios.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Vectors from helm-notes §4.3, checked against numpy's legacy {@code np.random}. */
class NumpyLegacyRandomTests {

  @Test
  void choiceWithoutReplacementMatchesNumpySeedZero() {
    assertThat(new NumpyLegacyRandom(0).choiceWithoutReplacement(20, 5))
        .containsExactly(18, 1, 19, 8, 10);
    assertThat(new NumpyLegacyRandom(0).choiceWithoutReplacement(1000, 10))
        .containsExactly(993, 859, 298, 553, 672, 971, 27, 231, 306, 706);
  }

  @Test
  void permutationIsAPermutation() {
    int[] p = new NumpyLegacyRandom(0).permutation(100);
    assertThat(p).hasSize(100);
    assertThat(java.util.Arrays.stream(p).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, 100).toArray());
  }

  @Test
  void trivialSizes() {
    assertThat(new NumpyLegacyRandom(0).choiceWithoutReplacement(1, 1)).containsExactly(0);
    assertThat(new NumpyLegacyRandom(0).choiceWithoutReplacement(0, 0)).isEmpty();
  }
}
