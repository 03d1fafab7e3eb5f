package dev.prism.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NltkWordTokenizerTests {
  @Test
  void splitsPunctuationContractionsAndQuotes() {
    assertThat(NltkWordTokenizer.tokenize("Hello, world! It's John's (test)."))
        .containsExactly(
            "Hello", ",", "world", "!", "It", "'s", "John", "'s", "(", "test", ")", ".");
    assertThat(NltkWordTokenizer.tokenize("I can't do it."))
        .containsExactly("I", "ca", "n't", "do", "it", ".");
    assertThat(NltkWordTokenizer.tokenize("\"Quoted\" text"))
        .containsExactly("``", "Quoted", "''", "text");
    assertThat(NltkWordTokenizer.tokenize("I cannot go; 3,000 dollars"))
        .containsExactly("I", "can", "not", "go", ";", "3,000", "dollars");
    assertThat(NltkWordTokenizer.tokenize("chen! and moore"))
        .containsExactly("chen", "!", "and", "moore");
    assertThat(NltkWordTokenizer.tokenize("")).isEmpty();
  }
}
