package dev.prism.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AheadInOrderTests {
  @Test
  void handsOutEveryResultInTheListsOrderWhateverOrderTheyAreComputedIn() {
    List<Integer> items = IntStream.range(0, 3 * AheadInOrder.WINDOW + 17).boxed().toList();
    Iterator<String> results =
        AheadInOrder.map(
            items,
            i -> {
              if (ThreadLocalRandom.current().nextInt(50) == 0) {
                sleep(2);
              }
              return "r" + i;
            });
    List<String> got = new ArrayList<>();
    results.forEachRemaining(got::add);
    assertThat(got).isEqualTo(items.stream().map(i -> "r" + i).toList());
  }

  @Test
  void anEmptyListHasNoResults() {
    Iterator<Integer> results = AheadInOrder.map(List.<Integer>of(), i -> i);
    assertThat(results.hasNext()).isFalse();
    assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void theFirstFailureInOrderIsThrownWhenItsItemIsReachedAfterTheResultsBeforeIt() {
    List<Integer> items = IntStream.range(0, 2 * AheadInOrder.WINDOW).boxed().toList();
    int firstBad = AheadInOrder.WINDOW + 5;
    Iterator<Integer> results =
        AheadInOrder.map(
            items,
            i -> {
              if (i == firstBad || i == firstBad + 1 || i == 2 * AheadInOrder.WINDOW - 1) {
                throw new IllegalStateException("bad " + i);
              }
              return i;
            });
    for (int i = 0; i < firstBad; i++) {
      assertThat(results.next()).isEqualTo(i);
    }
    assertThatThrownBy(results::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bad " + firstBad);
  }

  @Test
  void computesOnlyAFewWindowsAheadOfTheCaller() throws InterruptedException {
    AtomicInteger computed = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 20 * AheadInOrder.WINDOW).boxed().toList();
    Iterator<Integer> results =
        AheadInOrder.map(
            items,
            i -> {
              computed.incrementAndGet();
              return i;
            });
    results.next();
    sleep(200);
    // The window handed out, plus AHEAD more, plus the one submitted when the first was taken.
    assertThat(computed.get()).isLessThanOrEqualTo((AheadInOrder.AHEAD + 2) * AheadInOrder.WINDOW);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
