package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import java.util.Map;

/**
 * HELM's {@code typos(prob)} ("butter fingers", from NL-Augmenter): each letter a–z (either case)
 * is, when {@code rng.random() < prob}, replaced by {@code rng.choice} of its QWERTY neighbours,
 * keeping its case. Other characters draw nothing. Input only.
 */
public final class TyposPerturbation extends TextPerturbation {
  /** HELM's neighbour table; the order inside each string decides {@code rng.choice}. */
  static final Map<String, List<String>> KEY_APPROX =
      Map.ofEntries(
          Map.entry("q", PyStr.chars("was")),
          Map.entry("w", PyStr.chars("qesad")),
          Map.entry("e", PyStr.chars("wsdfr")),
          Map.entry("r", PyStr.chars("edfgt")),
          Map.entry("t", PyStr.chars("rfghy")),
          Map.entry("y", PyStr.chars("tghju")),
          Map.entry("u", PyStr.chars("yhjki")),
          Map.entry("i", PyStr.chars("ujklo")),
          Map.entry("o", PyStr.chars("iklp")),
          Map.entry("p", PyStr.chars("ol")),
          Map.entry("a", PyStr.chars("qwsz")),
          Map.entry("s", PyStr.chars("weadzx")),
          Map.entry("d", PyStr.chars("erfcxs")),
          Map.entry("f", PyStr.chars("rtgvcd")),
          Map.entry("g", PyStr.chars("tyhbvf")),
          Map.entry("h", PyStr.chars("yujnbg")),
          Map.entry("j", PyStr.chars("uikmnh")),
          Map.entry("k", PyStr.chars("iolmj")),
          Map.entry("l", PyStr.chars("opk")),
          Map.entry("z", PyStr.chars("asx")),
          Map.entry("x", PyStr.chars("sdcz")),
          Map.entry("c", PyStr.chars("dfvx")),
          Map.entry("v", PyStr.chars("fgbc")),
          Map.entry("b", PyStr.chars("ghnv")),
          Map.entry("n", PyStr.chars("hjmb")),
          Map.entry("m", PyStr.chars("jkn")));

  private final double prob;

  /**
   * @param prob chance per letter, in [0, 1]
   */
  public TyposPerturbation(double prob) {
    super("typos", true, false);
    this.prob = Probabilities.check("prob", prob);
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              String letter = Character.toString(cp);
              String lower = PyStr.lower(letter);
              List<String> neighbours = KEY_APPROX.get(lower);
              String replaced = lower;
              if (neighbours != null && rng.random() < prob) {
                replaced = rng.choice(neighbours);
              }
              out.append(lower.equals(letter) ? replaced : PyStr.upper(replaced));
            });
    return out.toString();
  }
}
