package dev.prism.adapters.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleTokenizerTests {
  @Test
  void splitsWordsAndPunctuationWithLeadingWhitespace() {
    SimpleTokenizer t = new SimpleTokenizer();
    List<Integer> ids = t.encode("Hello, world! Hello");
    assertThat(ids).hasSize(5);
    assertThat(ids.get(0)).isNotEqualTo(ids.get(4)); // "Hello" vs " Hello"
    assertThat(t.decode(ids.subList(0, 2))).isEqualTo("Hello,");
    assertThat(t.decode(ids.subList(2, 3))).isEqualTo(" world");
    assertThat(t.count("Hello, world! Hello")).isEqualTo(5);
  }

  @Test
  void decodingIsExactIncludingTrailingWhitespace() {
    SimpleTokenizer t = new SimpleTokenizer();
    String text = "  Input: 3+4 = ?\n\nOutput:  \n";
    assertThat(t.decode(t.encode(text))).isEqualTo(text);
    assertThat(t.count(text)).isEqualTo(t.encode(text).size());
    assertThat(t.encode("")).isEmpty();
  }

  @Test
  void truncateFromTheRight() {
    SimpleTokenizer t = new SimpleTokenizer();
    assertThat(t.truncate("one two three four", 2)).isEqualTo("one two");
    assertThat(t.truncate("one two", 2)).isEqualTo("one two");
  }

  @Test
  void unknownIdIsRejected() {
    assertThatThrownBy(() -> new SimpleTokenizer().decode(List.of(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7");
  }
}
