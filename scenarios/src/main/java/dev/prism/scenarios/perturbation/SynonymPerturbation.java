package dev.prism.scenarios.perturbation;

import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HELM's {@code synonym(prob)}: each token tagged VERB, NOUN, ADV or ADJ (spaCy universal tags) is
 * reduced to its WordNet base forms, the synonyms of those forms are looked up in {@code
 * wordnet_synonyms.json} (keys {@code lemma:pos}, pos one of {@code v n r s}), the word itself is
 * removed, duplicates dropped in order, and when any remain and {@code rng.uniform(0, 1) < prob}
 * the token becomes {@code rng.choice} of them in the token's case. Input only.
 *
 * <p>HELM tags with spaCy's {@code en_core_web_sm}; the registry's {@code synonym} uses {@link
 * SpacyTagger}, which runs exactly that in python3, so the tags are HELM's where spaCy is
 * installed. One difference remains: base forms come from WordNet's {@code _morphy} detachment
 * rules without WordNet's exception lists (irregular forms such as "went" → "go" are not reduced),
 * and a form counts as a lemma when the synonyms file has a key for it, where NLTK checks WordNet's
 * full lemma index. Both the exception lists ({@code verb.exc}, …) and the index are in NLTK's
 * {@code wordnet} corpus, which HELM downloads separately; {@code wordnet_synonyms.json} has
 * neither, so a word HELM reduces through an exception (or a lemma without synonyms that stops
 * NLTK's search early) may get other synonyms here.
 */
public final class SynonymPerturbation extends TextPerturbation {

  /** One token from a part-of-speech tagger, spaCy-style. */
  public record TaggedToken(String text, String pos, String whitespace) {
    public TaggedToken {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(pos, "pos");
      Objects.requireNonNull(whitespace, "whitespace");
    }
  }

  /** Splits text into tokens with universal POS tags; token texts plus whitespace rebuild it. */
  @FunctionalInterface
  public interface Tagger {
    List<TaggedToken> tag(String text);
  }

  private static final Map<String, String> SPACY_TO_WORDNET =
      Map.of("VERB", "v", "NOUN", "n", "ADV", "r", "ADJ", "s");

  private static final Map<String, List<String[]>> SUBSTITUTIONS =
      Map.of(
          "n",
          List.of(
              new String[] {"s", ""},
              new String[] {"ses", "s"},
              new String[] {"ves", "f"},
              new String[] {"xes", "x"},
              new String[] {"zes", "z"},
              new String[] {"ches", "ch"},
              new String[] {"shes", "sh"},
              new String[] {"men", "man"},
              new String[] {"ies", "y"}),
          "v",
          List.of(
              new String[] {"s", ""},
              new String[] {"ies", "y"},
              new String[] {"es", "e"},
              new String[] {"es", ""},
              new String[] {"ed", "e"},
              new String[] {"ed", ""},
              new String[] {"ing", "e"},
              new String[] {"ing", ""}),
          "s",
          List.of(
              new String[] {"er", ""},
              new String[] {"est", ""},
              new String[] {"er", "e"},
              new String[] {"est", "e"}),
          "r",
          List.of());

  private final double prob;
  private final Map<String, List<String>> synonyms;
  private final Tagger tagger;

  /**
   * @param prob chance per word with synonyms, in [0, 1]
   * @param synonyms {@code lemma:pos} → synonyms (see {@link PerturbationResources#synonyms()})
   * @param tagger the part-of-speech tagger
   */
  public SynonymPerturbation(double prob, Map<String, List<String>> synonyms, Tagger tagger) {
    super("synonym", true, false);
    this.prob = Probabilities.check("prob", prob);
    this.synonyms = Objects.requireNonNull(synonyms, "synonyms");
    this.tagger = Objects.requireNonNull(tagger, "tagger");
  }

  @Override
  public String perturb(String text, PythonRandom rng) {
    StringBuilder out = new StringBuilder(text.length());
    for (TaggedToken token : tagger.tag(text)) {
      String word = token.text();
      String pos = SPACY_TO_WORDNET.get(token.pos());
      if (pos != null) {
        String lower = PyStr.lower(word);
        LinkedHashSet<String> options = new LinkedHashSet<>();
        for (String base : morphy(lower, pos)) {
          options.addAll(synonyms.getOrDefault(base + ":" + pos, List.of()));
        }
        options.remove(lower);
        if (!options.isEmpty() && rng.uniform(0, 1) < prob) {
          word = PyStr.matchCase(word, rng.choice(new ArrayList<>(options)));
        }
      }
      out.append(word).append(token.whitespace());
    }
    return out.toString();
  }

  /** WordNet's {@code _morphy} without exception lists; lemmas are forms with synonym entries. */
  List<String> morphy(String form, String pos) {
    List<String> forms = applyRules(List.of(form), pos);
    List<String> first = new ArrayList<>();
    first.add(form);
    first.addAll(forms);
    List<String> results = known(first, pos);
    while (results.isEmpty() && !forms.isEmpty()) {
      forms = applyRules(forms, pos);
      results = known(forms, pos);
    }
    return results;
  }

  private static List<String> applyRules(List<String> forms, String pos) {
    List<String> out = new ArrayList<>();
    for (String f : forms) {
      for (String[] rule : SUBSTITUTIONS.get(pos)) {
        if (f.endsWith(rule[0])) {
          out.add(f.substring(0, f.length() - rule[0].length()) + rule[1]);
        }
      }
    }
    return out;
  }

  private List<String> known(List<String> forms, String pos) {
    return forms.stream().filter(f -> synonyms.containsKey(f + ":" + pos)).distinct().toList();
  }
}
