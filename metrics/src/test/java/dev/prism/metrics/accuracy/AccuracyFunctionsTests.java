package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases worked out by hand from HELM's definitions (helm-notes §2.1). */
class AccuracyFunctionsTests {

  @Nested
  class NormalizeText {
    static Stream<Arguments> cases() {
      return Stream.of(
          arguments("The Cat sat on a mat.", "cat sat on mat"),
          // Articles only as whole words; "an" inside "banana", "the" inside "theater" stay.
          arguments("An apple, the theater and a banana", "apple theater and banana"),
          // Punctuation goes first, so "the-cat" becomes one word and keeps its "the".
          arguments("the-cat a.b (the) cat", "thecat ab cat"),
          // Only ASCII punctuation: curly quotes, guillemets and the en dash survive.
          arguments("“Hello,” she said – «bye»", "“hello” she said – «bye»"),
          // The underscore is punctuation.
          arguments("snake_case", "snakecase"),
          // Digits and non-ASCII letters are word characters, so no boundary before "a".
          arguments("1a éa a", "1a éa"),
          // CPython's \w excludes combining marks, so "a" before U+0301 is a whole word.
          arguments("a\u0301 b", "\u0301 b"),
          // Every Unicode space splits, including no-break spaces and U+0085.
          arguments(" x\u00a0y\u3000z\u0085w\u2009v\n\t", "x y z w v"),
          arguments("", ""),
          arguments("The", ""),
          arguments("ÀB the Ω", "àb ω"));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @MethodSource("cases")
    void removesArticlesByDefault(String text, String expected) {
      assertThat(AccuracyFunctions.normalizeText(text)).isEqualTo(expected);
    }

    @Test
    void canKeepArticles() {
      assertThat(AccuracyFunctions.normalizeText("The Cat, a dog!", false))
          .isEqualTo("the cat a dog");
    }

    @Test
    void lowerCasesWithoutTheDefaultLocale() {
      // Under a Turkish default locale "I" would become a dotless "ı".
      assertThat(AccuracyFunctions.normalizeText("TITLE")).isEqualTo("title");
    }
  }

  static Stream<Arguments> ownCases() {
    return Stream.of(
        // quasi_exact_match: equal after normalization.
        arguments("quasi_exact_match", "The Cat!", "cat", 1.0),
        arguments("quasi_exact_match", "Paris", " paris. ", 1.0),
        arguments("quasi_exact_match", "cat", "cats", 0.0),
        arguments("quasi_exact_match", "the", "a", 1.0),
        arguments("quasi_exact_match", "cat", "", 0.0),
        // exact_match is case-sensitive and only strips.
        arguments("exact_match", "Paris", "paris", 0.0),
        arguments("exact_match", " Paris\u00a0", "Paris", 1.0),
        arguments("exact_match", "", "", 0.0),
        // prefix_exact_match: a character prefix of the stripped prediction.
        arguments("prefix_exact_match", "33", "33 eggs", 1.0),
        arguments("prefix_exact_match", "33 eggs", "33", 0.0),
        arguments("prefix_exact_match", "Yes", "yes, it is", 0.0),
        arguments("prefix_exact_match", " 33 ", "  33", 1.0),
        arguments("prefix_exact_match", "33", "", 0.0),
        // quasi_prefix_exact_match: normalized prefix; still characters, not tokens.
        arguments("quasi_prefix_exact_match", "Yes", "yes, it is", 1.0),
        arguments("quasi_prefix_exact_match", "The answer", "Answer: B", 1.0),
        arguments("quasi_prefix_exact_match", "cat", "Category", 1.0),
        arguments("quasi_prefix_exact_match", "dog", "a cat", 0.0),
        arguments("quasi_prefix_exact_match", "cat", "", 0.0),
        // f1_score over token sets: P = |G∩P|/|P|, R = |G∩P|/|G|, F = 1/(0.5/P + 0.5/R).
        // {cat, sat} vs {cat, sat, down}: P = 2/3, R = 1, F = 0.8.
        arguments("f1_score", "The cat sat", "cat sat down", 1.0 / (0.5 / (2.0 / 3) + 0.5 / 1.0)),
        // {x, b, c, d} vs {b, c, y}: P = 2/3, R = 2/4.
        arguments("f1_score", "x b c d", "b c y", 1.0 / (0.5 / (2.0 / 3) + 0.5 / 0.5)),
        // Sets, not bags: repeated tokens count once.
        arguments("f1_score", "cat cat", "cat", 1.0),
        arguments("f1_score", "cat", "dog", 0.0),
        // Empty after normalization on either side.
        arguments("f1_score", "the", "cat", 0.0),
        arguments("f1_score", "cat", "!!!", 0.0),
        arguments("f1_score", "cat", "", 0.0),
        // exact_match_indicator: the last space-separated piece of each side.
        arguments("exact_match_indicator", "The answer is 7", "so it is 7", 1.0),
        arguments("exact_match_indicator", "33", "33 ", 0.0),
        arguments("exact_match_indicator", "33", "", 0.0),
        // final_number_exact_match: the unescaped "." matches any character but \n.
        arguments("final_number_exact_match", "1x5", "it is 1x5", 1.0),
        arguments("final_number_exact_match", "1.5", "1x5", 0.0),
        arguments("final_number_exact_match", "1 5", "1\n5", 0.0),
        arguments("final_number_exact_match", "1,234.5", "total: 1234.5 USD", 1.0),
        arguments("final_number_exact_match", "33", "no number", 0.0),
        arguments("final_number_exact_match", "", "", 0.0),
        // CPython's \d is any Unicode decimal digit (here ARABIC-INDIC DIGIT THREE).
        arguments("final_number_exact_match", "\u0663", "= \u0663", 1.0));
  }

  @ParameterizedTest(name = "{0}(\"{1}\", \"{2}\") = {3}")
  @MethodSource("ownCases")
  void scores(String metric, String gold, String pred, double expected) {
    assertThat(score(metric, gold, pred)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metricNames")
  void nullPredictionScoresZero(String metric) {
    assertThat(score(metric, "cat", null)).isZero();
  }

  static Stream<String> metricNames() {
    return Stream.of(
        "exact_match",
        "quasi_exact_match",
        "prefix_exact_match",
        "quasi_prefix_exact_match",
        "f1_score",
        "exact_match_indicator",
        "final_number_exact_match");
  }

  @Test
  void exactMatchIndicatorTakesOtherIndicators() {
    assertThat(AccuracyFunctions.exactMatchIndicator("B", "reasoning ## B", "##")).isEqualTo(1.0);
    assertThat(AccuracyFunctions.exactMatchIndicator("B", "## B ## C", "##")).isEqualTo(0.0);
    assertThatThrownBy(() -> AccuracyFunctions.exactMatchIndicator("B", "B", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double score(String metric, String gold, String pred) {
    return switch (metric) {
      case "exact_match" -> AccuracyFunctions.exactMatch(gold, pred);
      case "quasi_exact_match" -> AccuracyFunctions.quasiExactMatch(gold, pred);
      case "prefix_exact_match" -> AccuracyFunctions.prefixExactMatch(gold, pred);
      case "quasi_prefix_exact_match" -> AccuracyFunctions.quasiPrefixExactMatch(gold, pred);
      case "f1_score" -> AccuracyFunctions.f1Score(gold, pred);
      case "exact_match_indicator" -> AccuracyFunctions.exactMatchIndicator(gold, pred);
      case "final_number_exact_match" -> AccuracyFunctions.finalNumberExactMatch(gold, pred);
      default -> throw new IllegalArgumentException(metric);
    };
  }
}
