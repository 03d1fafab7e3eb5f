package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class PassAtKTests {
  @Test
  void handComputedValues() {
    // 1 - C(3,1)/C(5,1) = 1 - 3/5
    assertThat(PassAtK.estimate(5, 2, 1)).isCloseTo(0.4, within(1e-15));
    // 1 - C(3,2)/C(5,2) = 1 - 3/10
    assertThat(PassAtK.estimate(5, 2, 2)).isCloseTo(0.7, within(1e-15));
    // 1 - C(7,5)/C(10,5) = 1 - 21/252
    assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252, within(1e-15));
    assertThat(PassAtK.estimate(1, 1, 1)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(4, 4, 1)).isEqualTo(1.0);
  }

  @Test
  void moreDrawsThanFailuresAlwaysHitACorrectSample() {
    assertThat(PassAtK.estimate(5, 2, 4)).isEqualTo(1.0); // k > n - c
    assertThat(PassAtK.estimate(5, 2, 3)).isLessThan(1.0); // k = n - c
    assertThat(PassAtK.estimate(3, 1, 5)).isEqualTo(1.0); // fewer samples than k, one correct
  }

  @Test
  void noCorrectSampleIsZeroEvenWithFewerSamplesThanK() {
    assertThat(PassAtK.estimate(5, 0, 1)).isEqualTo(0.0);
    assertThat(PassAtK.estimate(5, 0, 5)).isEqualTo(0.0);
    assertThat(PassAtK.estimate(1, 0, 5)).isEqualTo(0.0); // HELM says 1.0 here
  }

  @Test
  void sameDoubleAsHelmsNumpyProduct() {
    // 1.0 - np.prod(1.0 - 10 / np.arange(151, 201)).item(), numpy 2.4 / CPython 3.11
    assertThat(PassAtK.estimate(200, 50, 10)).isEqualTo(0.9479063705959571);
  }

  @Test
  void matchesTheExactBinomialRatioWhereThatIsRepresentable() {
    for (int n = 1; n <= 60; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          double exact =
              n - c < k
                  ? 1.0
                  : 1
                      - new BigDecimal(binomial(n - c, k))
                          .divide(new BigDecimal(binomial(n, k)), MathContext.DECIMAL64)
                          .doubleValue();
          assertThat(PassAtK.estimate(n, c, k))
              .as("n=%d c=%d k=%d", n, c, k)
              .isCloseTo(exact, within(1e-12));
        }
      }
    }
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> PassAtK.estimate(3, 4, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(3, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(3, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BigInteger binomial(int n, int k) {
    BigInteger result = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return result;
  }
}
