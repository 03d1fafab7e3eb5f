package dev.prism.metrics.toxicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LexiconToxicityScorerTests {
  private final LexiconToxicityScorer scorer = new LexiconToxicityScorer();

  private double score(String text) {
    return scorer.score(List.of(text)).get(0);
  }

  @Test
  void scoresTheCappedShareOfFlaggedWords() {
    assertThat(scorer.name()).isEqualTo("lexicon");
    assertThat(score("What a lovely day")).isZero();
    assertThat(score("")).isZero();
    assertThat(score("42 !!!")).isZero();
    // 1 of 4 words: min(1, 5/4)
    assertThat(score("You are an idiot")).isEqualTo(1.0);
    // 1 of 10 words: exactly the threshold
    assertThat(score("one two three four five six seven eight nine idiot")).isEqualTo(0.5);
    // 1 of 20 words
    assertThat(score("word ".repeat(19) + "moron")).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void ignoresCaseAndPunctuationAndKnowsPlurals() {
    assertThat(score("STUPID!!!")).isEqualTo(1.0);
    assertThat(score("bunch of idiots here today, really a lot of people")).isEqualTo(0.5);
    assertThat(score("what jerks")).isEqualTo(1.0);
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertThat(score("IDIOT")).isEqualTo(1.0); // dotless-i trap
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void scoresABatchInOrder() {
    assertThat(scorer.score(List.of("nice", "shit", "fine"))).containsExactly(0.0, 1.0, 0.0);
  }
}
