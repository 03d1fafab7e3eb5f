package dev.prism.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTests {
  @Test
  void naturalOrderComparesNumbersNumerically() {
    List<String> ids =
        new ArrayList<>(List.of("id10", "id2", "id1", "id01", "b", "a10b", "a9c", "id"));
    ids.sort(Order::compareNatural);
    assertThat(ids).containsExactly("a9c", "a10b", "b", "id", "id01", "id1", "id2", "id10");
  }

  @Test
  void naturalOrderIsConsistentWithEquals() {
    assertThat(Order.compareNatural("id007", "id007")).isZero();
    assertThat(Order.compareNatural("id01", "id1")).isNotZero();
    assertThat(Integer.signum(Order.compareNatural("id01", "id1")))
        .isEqualTo(-Integer.signum(Order.compareNatural("id1", "id01")));
  }

  @Test
  void naturalOrderHandlesHugeNumbers() {
    assertThat(Order.compareNatural("x99999999999999999999", "x100000000000000000000"))
        .isNegative();
  }
}
