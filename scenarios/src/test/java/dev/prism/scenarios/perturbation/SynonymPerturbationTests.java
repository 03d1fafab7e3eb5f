package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.scenarios.perturbation.SynonymPerturbation.TaggedToken;
import dev.prism.scenarios.random.PythonRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synonym perturbation on fixture synonyms with a fixed tagging (spaCy is not available). */
class SynonymPerturbationTests {
  private static final List<TaggedToken> TAGGED =
      List.of(
          new TaggedToken("This", "PRON", " "),
          new TaggedToken("was", "AUX", " "),
          new TaggedToken("a", "DET", " "),
          new TaggedToken("good", "ADJ", " "),
          new TaggedToken("movie", "NOUN", ""),
          new TaggedToken(",", "PUNCT", " "),
          new TaggedToken("would", "AUX", " "),
          new TaggedToken("watch", "VERB", " "),
          new TaggedToken("again", "ADV", ""),
          new TaggedToken(".", "PUNCT", ""));

  @Test
  void helmsSynonymCaseOnFixtureData() {
    SynonymPerturbation p =
        new SynonymPerturbation(
            1.0, PerturbationVectorsTests.fixtures().synonyms(), text -> TAGGED);
    assertThat(p.perturb("This was a good movie, would watch again.", new PythonRandom("id0")))
        .isEqualTo("This was a near motion-picture show, would check once more.");
  }

  @Test
  void morphyReducesRegularForms() {
    SynonymPerturbation p =
        new SynonymPerturbation(
            1.0, PerturbationVectorsTests.fixtures().synonyms(), text -> List.of());
    assertThat(p.morphy("movies", "n")).containsExactly("movie");
    assertThat(p.morphy("watching", "v")).containsExactly("watch");
    assertThat(p.morphy("watches", "v")).containsExactly("watch");
    assertThat(p.morphy("gooder", "s")).containsExactly("good");
    assertThat(p.morphy("went", "v")).isEmpty();
  }
}
