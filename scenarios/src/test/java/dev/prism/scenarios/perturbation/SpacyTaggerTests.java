package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.core.PrismUserException;
import dev.prism.scenarios.perturbation.SynonymPerturbation.TaggedToken;
import dev.prism.scenarios.random.PythonRandom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spaCy bridge against a fake {@code spacy} package (spaCy is not installed here) written to a
 * temporary folder on {@code PYTHONPATH}; skipped, with the reason printed, without python3.
 */
class SpacyTaggerTests {
  private static final Duration START = Duration.ofSeconds(30);

  @TempDir static Path tmp;
  private static Path fake;

  @BeforeAll
  static void needsPython() throws Exception {
    String missing = pythonMissing();
    if (missing != null) {
      System.out.println("SpacyTaggerTests skipped: " + missing);
    }
    Assumptions.assumeTrue(missing == null, missing);
    fake = installFakeSpacy(tmp.resolve("site"));
  }

  /** Why python3 cannot run here, or {@code null} when it can. */
  static String pythonMissing() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "python3 failed";
    } catch (IOException e) {
      return "python3 is not on PATH";
    }
  }

  /** Writes the fake spaCy package to {@code dir/spacy/}; returns {@code dir}. */
  public static Path installFakeSpacy(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("spacy"));
    try (InputStream in = SpacyTaggerTests.class.getResourceAsStream("fake_spacy/__init__.py")) {
      Files.copy(in, dir.resolve("spacy/__init__.py"));
    }
    return dir;
  }

  private static SpacyTagger start(Map<String, String> env, Duration callTimeout) {
    return SpacyTagger.start("python3", env, START, callTimeout);
  }

  @Test
  void tokensComeBackWithTagsAndWhitespaceAndHelmsSynonymVectorHolds() {
    try (SpacyTagger tagger =
        start(Map.of("PYTHONPATH", fake.toString()), SpacyTagger.CALL_TIMEOUT)) {
      assertThat(tagger.spacyVersion()).isEqualTo("0.0-fake");
      assertThat(tagger.tag("Good movie,  wé\n!"))
          .containsExactly(
              new TaggedToken("Good", "ADJ", " "),
              new TaggedToken("movie", "NOUN", ""),
              new TaggedToken(",", "PUNCT", "  "),
              new TaggedToken("wé", "X", "\n"),
              new TaggedToken("!", "PUNCT", ""));
      // HELM's test_synonym_perturbation, tagged through the bridge (the fake gives
      // en_core_web_sm's tags for the sentence) on the fixture synonyms.
      SynonymPerturbation synonym =
          new SynonymPerturbation(1.0, PerturbationVectorsTests.fixtures().synonyms(), tagger);
      assertThat(
              synonym.perturb("This was a good movie, would watch again.", new PythonRandom("id0")))
          .isEqualTo("This was a near motion-picture show, would check once more.");
    }
  }

  @Test
  void aTaggingErrorFailsThatCallOnlyAndATimeoutStopsTheProcess() {
    try (SpacyTagger tagger = start(Map.of("PYTHONPATH", fake.toString()), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> tagger.tag("CRASH now"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("spaCy could not tag the text: ValueError: fake spaCy crashed");
      assertThat(tagger.tag("good")).containsExactly(new TaggedToken("good", "ADJ", ""));
      assertThatThrownBy(() -> tagger.tag("HANG"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("did not tag a text within 2 s");
      assertThatThrownBy(() -> tagger.tag("good"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stopped earlier: it did not tag a text within 2 s");
    }
  }

  @Test
  void missingSpacyOrModelOrPythonIsAUserErrorNamingTheInstallCommand() throws IOException {
    // A 'spacy' that cannot be imported, whatever this machine has installed.
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(
        broken.resolve("spacy.py"), "raise ImportError(\"No module named 'spacy'\")\n");
    assertThatThrownBy(() -> start(Map.of("PYTHONPATH", broken.toString()), START))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("spaCy is not installed for this Python (No module named 'spacy')")
        .satisfies(
            e ->
                assertThat(((PrismUserException) e).hint())
                    .isEqualTo(
                        "Run: python3 -m pip install spacy"
                            + " && python3 -m spacy download en_core_web_sm"));

    assertThatThrownBy(
            () -> start(Map.of("PYTHONPATH", fake.toString(), "FAKE_SPACY", "no-model"), START))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("the model is not installed for this Python")
        .satisfies(
            e ->
                assertThat(((PrismUserException) e).hint())
                    .isEqualTo("Run: python3 -m spacy download en_core_web_sm"));

    assertThatThrownBy(
            () -> SpacyTagger.start(tmp.resolve("no-python3").toString(), Map.of(), START, START))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("could not be started")
        .satisfies(
            e -> assertThat(((PrismUserException) e).hint()).startsWith("Install Python 3, then"));
  }
}
