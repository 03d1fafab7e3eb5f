package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * HELM's {@code filler_words} (from NL-Augmenter): before each space-separated word, with {@code
 * rng.random() <= insertProb} (and while fewer than {@code maxFillers} were inserted, unless it is
 * -1), insert {@code rng.choice} of the enabled phrase lists (speaker phrases, then uncertainty
 * phrases, then fillers). Input only.
 */
public final class FillerWordsPerturbation extends TextPerturbation {
  /** Speaker opinion / mental state phrases (Kovatchev et al. 2021). */
  static final List<String> SPEAKER_PHRASES =
      List.of(
          "I think",
          "I believe",
          "I mean",
          "I guess",
          "that is",
          "I assume",
          "I feel",
          "In my opinion",
          "I would say");

  /** Phrases of uncertainty (Kovatchev et al. 2021). */
  static final List<String> UNCERTAIN_PHRASES =
      List.of("maybe", "perhaps", "probably", "possibly", "most likely");

  /** Meaning-preserving fillers (Laserna et al. 2014). */
  static final List<String> FILL_PHRASES =
      List.of("uhm", "umm", "ahh", "err", "actually", "obviously", "naturally", "like", "you know");

  private final double insertProb;
  private final int maxFillers;
  private final List<String> fillers;

  /**
   * @param insertProb chance per word, in [0, 1]
   * @param maxFillers the most insertions, or -1 for no limit
   */
  public FillerWordsPerturbation(
      double insertProb,
      int maxFillers,
      boolean speakerPhrases,
      boolean uncertainPhrases,
      boolean fillPhrases) {
    super("filler_words", true, false);
    this.insertProb = Probabilities.check("insert_prob", insertProb);
    if (maxFillers < -1) {
      throw new IllegalArgumentException("max_fillers must be -1 or >= 0, got " + maxFillers);
    }
    this.maxFillers = maxFillers;
    List<String> all = new ArrayList<>();
    if (speakerPhrases) {
      all.addAll(SPEAKER_PHRASES);
    }
    if (uncertainPhrases) {
      all.addAll(UNCERTAIN_PHRASES);
    }
    if (fillPhrases) {
      all.addAll(FILL_PHRASES);
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("filler_words needs at least one phrase list enabled");
    }
    this.fillers = List.copyOf(all);
  }

  /** HELM's defaults: {@code insert_prob=0.333}, no limit, all three lists. */
  public FillerWordsPerturbation() {
    this(0.333, -1, true, true, true);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    List<String> out = new ArrayList<>();
    int inserted = 0;
    for (String word : PyStr.splitOnSpace(text)) {
      if ((maxFillers == -1 || inserted < maxFillers) && rng.random() <= insertProb) {
        out.add(rng.choice(fillers));
        inserted++;
      }
      out.add(word);
    }
    return String.join(" ", out);
  }
}
