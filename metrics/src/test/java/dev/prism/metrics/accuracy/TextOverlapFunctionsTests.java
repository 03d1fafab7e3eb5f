package dev.prism.metrics.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.metrics.SharedFiles;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Expected values worked out by hand from the definitions in helm-notes §2.1. */
class TextOverlapFunctionsTests {
  private static final String GOLD = "the quick brown fox jumped over the lazy dog";
  private static final String PRED = "the fox jumped over the dog";

  @Test
  void rouge() {
    // 6 of 6 predicted unigrams match, 6 of 9 gold: F = 0.8; the LCS is the whole prediction.
    assertThat(TextOverlapFunctions.rouge1(GOLD, PRED)).isCloseTo(0.8, within(1e-12));
    assertThat(TextOverlapFunctions.rougeL(GOLD, PRED)).isCloseTo(0.8, within(1e-12));
    // Bigrams: 3 shared, 5 predicted, 8 gold.
    assertThat(TextOverlapFunctions.rouge2(GOLD, PRED))
        .isCloseTo(0.4615384615384615, within(1e-12));
    // Stemming: "running dogs" -> run dog; "the dog runs" -> the dog run.
    assertThat(TextOverlapFunctions.rouge1("running dogs", "the dog runs"))
        .isCloseTo(0.8, within(1e-12));
    assertThat(TextOverlapFunctions.rougeL("Dogs, running!", "run dog"))
        .isCloseTo(0.5, within(1e-12));
    assertThat(TextOverlapFunctions.rougeL("", "x")).isZero();
    assertThat(TextOverlapFunctions.rouge1("abc", "")).isZero();
    assertThat(TextOverlapFunctions.rouge2("abc", "abc")).isZero();
    assertThat(TextOverlapFunctions.rouge1("abc", null)).isZero();
  }

  /** HELM {@code test_evaluate_reference_metrics.py::test_bleu_1}. */
  @Test
  void bleu1Pinned() {
    assertThat(TextOverlapFunctions.bleu1(GOLD, PRED)).isCloseTo(0.6065306597126334, within(1e-9));
  }

  @Test
  void bleu4() {
    // One of three predicted 4-grams matches; brevity penalty exp(1 - 9/6).
    assertThat(TextOverlapFunctions.bleu4(GOLD, PRED)).isCloseTo(0.2021768865708778, within(1e-12));
    // No 4-gram at all: sys.float_info.min, times exp(1 - 5/2).
    assertThat(TextOverlapFunctions.bleu4("a b c d e", "a b"))
        .isCloseTo(4.9648108639081e-309, within(1e-320));
    assertThat(TextOverlapFunctions.bleu4("a b c d e", "a b")).isPositive();
    // No unigram match: 0.
    assertThat(TextOverlapFunctions.bleu4("a b c d e", "x y z w v")).isZero();
    assertThat(TextOverlapFunctions.bleu1("a b", "")).isZero();
    // Longer prediction: no brevity penalty.
    assertThat(TextOverlapFunctions.bleu1("a b", "a b c")).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void bleuVectorsFromSharedFile() throws IOException {
    for (JsonNode node : SharedFiles.vectors("bleu_")) {
      String gold = node.get("inputs").get("gold").asText();
      String pred = node.get("inputs").get("pred").asText();
      double actual =
          node.get("metric").asText().equals("bleu_1")
              ? TextOverlapFunctions.bleu1(gold, pred)
              : TextOverlapFunctions.bleu4(gold, pred);
      assertThat(actual)
          .as(node.toString())
          .isCloseTo(node.get("expected").asDouble(), within(1e-9));
    }
  }
}
