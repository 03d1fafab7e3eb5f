package dev.prism.scenarios.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values printed by numpy 2.4.6 ({@code np.random.default_rng(seed)}). */
class NumpyGeneratorTests {

  @Test
  void rawOutputsMatchPcg64SeededBySeedSequence() {
    NumpyGenerator g = new NumpyGenerator(42);
    assertThat(g.nextUint64()).isEqualTo(0xc621fbcd16d92688L);
    assertThat(g.nextUint64()).isEqualTo(0x705a5661a791ffc1L);
    assertThat(g.nextUint64()).isEqualTo(0xdbcd12c26eda1624L);
  }

  /** {@code Dataset.train_test_split(test_size=0.8, seed=42)} on RAFT's 50 rows uses this order. */
  @Test
  void permutationMatchesNumpy() {
    assertThat(new NumpyGenerator(42).permutation(50))
        .containsExactly(
            5, 25, 20, 49, 39, 27, 47, 45, 46, 17, 37, 31, 40, 23, 18, 7, 4, 38, 29, 24, 34, 9, 28,
            21, 26, 41, 16, 42, 32, 15, 3, 44, 30, 10, 43, 6, 11, 22, 19, 35, 0, 12, 14, 48, 2, 36,
            33, 1, 13, 8);
    assertThat(new NumpyGenerator(0).permutation(10)).containsExactly(4, 6, 2, 7, 3, 5, 9, 0, 8, 1);
    assertThat(new NumpyGenerator((1L << 40) + 7).permutation(12))
        .containsExactly(8, 2, 6, 1, 11, 9, 3, 7, 4, 5, 0, 10);
    assertThat(new NumpyGenerator(42).permutation(1000))
        .startsWith(978, 933, 859, 916, 127, 608, 856, 260);
  }
}
