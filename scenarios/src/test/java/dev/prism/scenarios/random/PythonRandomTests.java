package dev.prism.scenarios.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values were produced with CPython 3.11.7's {@code random} module. */
class PythonRandomTests {

  @Test
  void randomMatchesCpythonForIntegerAndStringSeeds() {
    assertThat(new PythonRandom(0).random()).isEqualTo(0.8444218515250481);
    assertThat(new PythonRandom(42).random()).isEqualTo(0.6394267984578837);
    assertThat(new PythonRandom(-5).random()).isEqualTo(0.6229016948897019);
    assertThat(new PythonRandom((1L << 40) + 7).random()).isEqualTo(0.6137037779936511);
    assertThat(new PythonRandom(BigInteger.valueOf(42)).random()).isEqualTo(0.6394267984578837);
    assertThat(new PythonRandom("id3").random()).isEqualTo(0.6763238335346858);
    assertThat(new PythonRandom("").random()).isEqualTo(0.9602256525641875);
    assertThat(new PythonRandom("héllo ✓").random()).isEqualTo(0.5592754137226804);
  }

  @Test
  void sequenceContinuesLikeCpython() {
    PythonRandom r = new PythonRandom("id3");
    assertThat(List.of(r.random(), r.random(), r.random()))
        .containsExactly(0.6763238335346858, 0.4715796206061762, 0.5450835668131466);

    PythonRandom many = new PythonRandom(12345);
    double last = 0;
    for (int i = 0; i < 1000; i++) { // crosses the 624-word regeneration boundary
      last = many.random();
    }
    assertThat(last).isEqualTo(0.9766427630034175);
  }

  @Test
  void getrandbits() {
    PythonRandom r = new PythonRandom(1);
    assertThat(List.of(r.getrandbits(0), r.getrandbits(1), r.getrandbits(7)))
        .containsExactly(0L, 0L, 72L);
    assertThat(List.of(r.getrandbits(32), r.getrandbits(33), r.getrandbits(63)))
        .containsExactly(3639700191L, 7740669488L, 2352596571770045649L);
  }

  @Test
  void randrangeAndRandint() {
    PythonRandom r = new PythonRandom(1);
    assertThat(IntStream.range(0, 10).mapToLong(i -> r.randrange(10)).boxed().toList())
        .containsExactly(2L, 9L, 1L, 4L, 1L, 7L, 7L, 7L, 6L, 3L);

    PythonRandom big = new PythonRandom(7);
    assertThat(List.of(big.randrange(1, 1L << 40), big.randrange(1, 1L << 40)))
        .containsExactly(1040772936761L, 434439589176L);

    PythonRandom ints = new PythonRandom(3);
    assertThat(IntStream.range(0, 10).mapToLong(i -> ints.randint(-5, 5)).boxed().toList())
        .containsExactly(-2L, 4L, 3L, -3L, 0L, 4L, 2L, 5L, 4L, -4L);
  }

  @Test
  void randrangeOfOneStillConsumesRandomness() {
    // CPython draws getrandbits(1) until it is below 1, so randrange(1) advances the generator.
    PythonRandom r = new PythonRandom(0);
    assertThat(List.of(r.randrange(1), r.randrange(1), r.randrange(1))).containsOnly(0L);
    assertThat(r.random()).isEqualTo(0.25891675029296335);
  }

  @Test
  void shuffle() {
    List<Integer> list = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
    new PythonRandom(0).shuffle(list);
    assertThat(list).containsExactly(7, 8, 1, 5, 3, 4, 2, 0, 9, 6);
  }

  @Test
  void sampleUsesPoolOrSetRejectionLikeCpython() {
    PythonRandom r = new PythonRandom(0);
    assertThat(r.sample(range(10), 4)).containsExactly(6, 9, 0, 2); // pool
    assertThat(r.sample(range(100), 7)).containsExactly(65, 62, 51, 38, 61, 45, 74); // set
    assertThat(r.sample(range(1000), 30))
        .containsExactly(
            913, 929, 223, 516, 142, 288, 143, 773, 97, 633, 818, 256, 931, 545, 722, 829, 616, 923,
            150, 317, 101, 747, 75, 920, 870, 700, 338, 483, 573, 103);
    assertThat(new PythonRandom(9).sample(range(50), 10)) // pool with k > 5
        .containsExactly(29, 39, 23, 17, 8, 11, 43, 0, 21, 32);
    assertThat(
            new PythonRandom("seed")
                .sample(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 3))
        .containsExactly("c", "a", "d");
  }

  @Test
  void setSizeMatchesCpythonFormula() {
    assertThat(PythonRandom.setSize(5)).isEqualTo(21);
    assertThat(PythonRandom.setSize(6)).isEqualTo(21 + 64); // ceil(log4(18)) = 3
    assertThat(PythonRandom.setSize(30)).isEqualTo(21 + 256); // ceil(log4(90)) = 4
    for (int k = 6; k < 5000; k++) {
      double log = Math.log(3.0 * k) / Math.log(4);
      assertThat(PythonRandom.setSize(k)).isEqualTo(21 + (long) Math.pow(4, Math.ceil(log)));
    }
  }

  @Test
  void choiceAndUniform() {
    PythonRandom r = new PythonRandom(5);
    List<String> letters = List.of("a", "b", "c", "d", "e", "f");
    assertThat(List.of(r.choice(letters), r.choice(letters), r.choice(letters)))
        .containsExactly("e", "c", "f");

    PythonRandom u = new PythonRandom(5);
    assertThat(u.uniform(1.5, 2.5)).isEqualTo(2.122901694889702);
    assertThat(u.uniform(-1, 1)).isEqualTo(0.4835739785214588);
  }

  @Test
  void rejectsEmptyRanges() {
    PythonRandom r = new PythonRandom(0);
    assertThatThrownBy(() -> r.randrange(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> r.choice(List.of())).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.sample(range(3), 4)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
