package dev.prism.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplingTests {
  @Test
  void mcNemarIsTheExactTwoSidedBinomialTest() {
    assertThat(Resampling.mcNemar(0, 0)).isEqualTo(1.0);
    assertThat(Resampling.mcNemar(0, 5)).isCloseTo(2.0 / 32, within(1e-12));
    assertThat(Resampling.mcNemar(9, 1)).isCloseTo(2.0 * 11 / 1024, within(1e-12));
    assertThat(Resampling.mcNemar(3, 3)).isEqualTo(1.0);
    // Large counts stay finite and tiny.
    assertThat(Resampling.mcNemar(10_000, 0)).isGreaterThanOrEqualTo(0.0).isLessThan(1e-100);
  }

  @Test
  void bootstrapIsSeededAndBracketsTheMean() {
    double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 4 == 0 ? 1 : 0;
    }
    double[] a = Resampling.bootstrapMeans(values, 500, 7);
    double[] b = Resampling.bootstrapMeans(values, 500, 7);
    assertThat(a).containsExactly(b);
    double[] ci = Resampling.percentileInterval(a, 0.95);
    assertThat(ci[0]).isLessThan(0.25).isGreaterThan(0.15);
    assertThat(ci[1]).isGreaterThan(0.25).isLessThan(0.35);
  }

  @Test
  void percentileUsesLinearInterpolation() {
    double[] sorted = {0, 1, 2, 3, 4};
    assertThat(Resampling.quantile(sorted, 0.5)).isEqualTo(2.0);
    assertThat(Resampling.quantile(sorted, 0.1)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void pairedBootstrapSeesAClearDifferenceAndNoneInEqualData() {
    double[] better = new double[100];
    double[] equal = new double[100];
    for (int i = 0; i < 100; i++) {
      better[i] = 0.3 + (i % 3) * 0.1;
    }
    assertThat(Resampling.pairedBootstrap(List.of(better), 1000, 1)).isLessThan(0.01);
    assertThat(Resampling.pairedBootstrap(List.of(equal), 1000, 1)).isEqualTo(1.0);
  }

  @Test
  void macroAveragesReplicatesElementWise() {
    assertThat(Resampling.macro(List.of(new double[] {0, 1}, new double[] {1, 1})))
        .containsExactly(0.5, 1.0);
  }

  @Test
  void seedsAreStable() {
    assertThat(Resampling.seed(0, "abc")).isEqualTo(Resampling.seed(0, "abc"));
    assertThat(Resampling.seed(0, "abc")).isNotEqualTo(Resampling.seed(1, "abc"));
    assertThat(Resampling.binary(new double[] {0, 1, 1})).isTrue();
    assertThat(Resampling.binary(new double[] {0, 0.5})).isFalse();
  }
}
