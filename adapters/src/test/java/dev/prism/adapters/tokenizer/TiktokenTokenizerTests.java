package dev.prism.adapters.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TiktokenTokenizerTests {
  @Test
  void r50kIsGpt2() {
    Tokenizer t = TiktokenTokenizer.of("r50k_base");
    assertThat(t.name()).isEqualTo("openai/r50k_base");
    assertThat(t.encode("Hello world")).containsExactly(15496, 995);
    assertThat(t.count("Hello world")).isEqualTo(2);
    assertThat(t.decode(List.of(15496, 995))).isEqualTo("Hello world");
  }

  @Test
  void everyBundledEncodingRoundTripsOffline() {
    String text = "Grüße, 世界! Numbers 12345 and <|endoftext|> as plain text.";
    for (String name : TiktokenTokenizer.encodings()) {
      Tokenizer t = TiktokenTokenizer.of(name);
      List<Integer> ids = t.encode(text);
      assertThat(ids).as(name).isNotEmpty().hasSize(t.count(text));
      assertThat(t.decode(ids)).as(name).isEqualTo(text);
    }
  }

  @Test
  void knownCountsOfModernEncodings() {
    // tiktoken: len(enc.encode("Hello world")) is 2 for cl100k_base and o200k_base as well.
    assertThat(TiktokenTokenizer.of("cl100k_base").encode("Hello world"))
        .containsExactly(9906, 1917);
    assertThat(TiktokenTokenizer.of("o200k_base").count("Hello world")).isEqualTo(2);
  }

  @Test
  void encodingsAreLoadedOnceAndShared() {
    assertThat(TiktokenTokenizer.of("o200k_base")).isSameAs(TiktokenTokenizer.of("o200k_base"));
  }

  @Test
  void unknownEncodingListsTheKnownOnes() {
    assertThatThrownBy(() -> TiktokenTokenizer.of("gpt9_base"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gpt9_base")
        .hasMessageContaining("cl100k_base");
  }

  @Test
  void truncateKeepsThePrefixThatFits() {
    Tokenizer t = TiktokenTokenizer.of("r50k_base");
    String text = "The quick brown fox jumps over the lazy dog";
    assertThat(t.truncate(text, 4)).isEqualTo("The quick brown fox");
    assertThat(t.truncate(text, 100)).isSameAs(text);
    assertThat(t.truncate(text, 0)).isEmpty();
    assertThat(t.truncate(text, -3)).isEmpty();
  }

  @Test
  void truncateInsideAMultiByteCharacterLeavesNoReplacementCharacter() {
    Tokenizer t = TiktokenTokenizer.of("r50k_base");
    String text = "日本語のテキスト";
    for (int max = 1; max < t.count(text); max++) {
      String cut = t.truncate(text, max);
      assertThat(cut).as("max %d", max).doesNotContain("\uFFFD");
      assertThat(text).startsWith(cut);
      assertThat(t.count(cut)).isLessThanOrEqualTo(max);
    }
  }
}
