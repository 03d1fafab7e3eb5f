package dev.prism.scenarios.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resources {@code /pickle/values-pN.pk} were written by CPython 3 ({@code pickle.dumps(v,
 * protocol=N)}) from one dict of built-in values (bytes from protocol 3, sets from 4, where older
 * protocols would need {@code REDUCE}).
 */
class PickleTests {
  private static Object read(String name) throws IOException {
    try (InputStream in = PickleTests.class.getResourceAsStream("/pickle/" + name)) {
      return Pickle.load(in);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void readsBuiltInValuesOfEveryProtocol(int protocol) throws IOException {
    Map<?, ?> v = (Map<?, ?>) read("values-p" + protocol + ".pk");

    assertThat(v.get("none")).isNull();
    assertThat(v.containsKey("none")).isTrue();
    assertThat(v.get("t")).isEqualTo(true);
    assertThat(v.get("f")).isEqualTo(false);
    assertThat(v.get("small")).isEqualTo(7L);
    assertThat(v.get("neg")).isEqualTo(-300L);
    assertThat(v.get("i32")).isEqualTo(70000L);
    assertThat(v.get("big")).isEqualTo(BigInteger.TWO.pow(70));
    assertThat(v.get("float")).isEqualTo(1.5);
    assertThat(v.get("text")).isEqualTo("héllo \uD83D\uDC2D");
    assertThat(v.get("list")).isEqualTo(List.of(1L, List.of(2L, 3L)));
    assertThat(v.get("tuple")).isEqualTo(List.of(1L, "a"));
    assertThat(v.get("t2")).isEqualTo(List.of(1L, 2L));
    assertThat(v.get("t3")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(v.get("empty")).isEqualTo(List.of());
    List<?> memo = (List<?>) v.get("memo");
    assertThat(memo.get(0)).isSameAs(memo.get(1)).isEqualTo(List.of("shared"));
    assertThat(v.get("many")).isEqualTo(IntStream.range(0, 1003).mapToObj(i -> (long) i).toList());
    Map<?, ?> d = (Map<?, ?>) v.get("d");
    assertThat(d).hasSize(1002);
    assertThat(d.get(1001L)).isEqualTo("1001");
    assertThat(d.keySet().iterator().next()).isEqualTo(0L);
    if (protocol >= 3) {
      assertThat((byte[]) v.get("bytes")).containsExactly(0x00, 0xff);
    }
    if (protocol >= 4) {
      assertThat(v.get("set")).isEqualTo(Set.of(5L));
      assertThat(v.get("frozen")).isEqualTo(Set.of(6L));
    }
  }

  @Test
  void refusesObjectsNamingTheirClass() {
    assertThatThrownBy(() -> read("object.pk"))
        .isInstanceOf(Pickle.PickleException.class)
        .hasMessageContaining("__main__.Example");
  }
}
