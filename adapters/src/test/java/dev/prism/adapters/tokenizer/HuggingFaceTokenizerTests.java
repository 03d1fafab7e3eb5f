package dev.prism.adapters.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prism.core.PrismUserException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HuggingFaceTokenizerTests {
  private static Path file;
  private static String unavailable;

  @BeforeAll
  static void loadNativeLibrary() throws URISyntaxException {
    file =
        Path.of(
            Objects.requireNonNull(HuggingFaceTokenizerTests.class.getResource("tokenizer.json"))
                .toURI());
    try {
      HuggingFaceTokenizer.load(file).count("probe");
    } catch (LinkageError | RuntimeException e) {
      // The DJL native library could not be unpacked or loaded here (an unusual platform or a
      // read-only home); the adapter itself is then unusable too, so say why and skip.
      unavailable = "DJL tokenizers native library unavailable: " + e;
      System.out.println("HuggingFaceTokenizerTests skipped: " + unavailable);
    }
  }

  private static HuggingFaceTokenizer tokenizer() {
    assumeTrue(unavailable == null, () -> unavailable);
    return HuggingFaceTokenizer.load(file);
  }

  @Test
  void wordLevelTokenizerFromALocalFile() {
    HuggingFaceTokenizer t = tokenizer();
    assertThat(t.encode("Hello, the CAT dog")).containsExactly(1, 5, 3, 4, 0);
    assertThat(t.count("Hello, the CAT dog")).isEqualTo(5);
    assertThat(t.decode(java.util.List.of(1, 5, 3, 4, 0))).isEqualTo("hello , the cat dog");
    assertThat(t.name()).isEqualTo("huggingface:" + file.toAbsolutePath().normalize());
  }

  @Test
  void neverTruncatesOnItsOwn() {
    HuggingFaceTokenizer t = tokenizer();
    String text = "the cat ".repeat(2000);
    assertThat(t.count(text)).isEqualTo(4000);
  }

  @Test
  void truncateFromTheRight() {
    HuggingFaceTokenizer t = tokenizer();
    assertThat(t.truncate("hello the cat dog", 2)).isEqualTo("hello the");
    assertThat(t.truncate("hello the cat dog", 10)).isEqualTo("hello the cat dog");
  }

  @Test
  void aFolderHoldingTokenizerJsonWorksAndIsShared() {
    HuggingFaceTokenizer t = tokenizer();
    assertThat(HuggingFaceTokenizer.load(file.getParent())).isSameAs(t);
    assertThat(Tokenizers.byName("huggingface:" + file)).isSameAs(t);
  }

  @Test
  void missingFileIsAUserError() {
    assertThatThrownBy(() -> HuggingFaceTokenizer.load(Path.of("/no/such/tokenizer.json")))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("/no/such/tokenizer.json");
  }
}
