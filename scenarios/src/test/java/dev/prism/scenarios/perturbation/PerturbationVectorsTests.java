package dev.prism.scenarios.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.core.Split;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * HELM's perturbation cases ({@code helm-test-vectors.json}, from HELM's {@code
 * test_perturbation.py}): the perturbed input and references must be identical. The cases are
 * pinned below so the test runs anywhere; when the shared reference file can be found above the
 * working directory, every {@code perturbation:*} case in it is checked too. Data-file
 * perturbations (misspellings, dialect, person names) run on small fixtures in HELM's file formats
 * under {@code src/test/resources/.../perturbation/data}.
 */
class PerturbationVectorsTests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every case whose metric starts with "perturbation:". */
  static final String PINNED =
"""
[
{"metric": "perturbation:extra_space(num_spaces=2)", "inputs": {"instance_id": "id0", "seed": null, "input": "Hello my name is", "references": ["some name"]}, "expected": {"input": "Hello  my  name  is", "references": ["some name"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_extra_space_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:misspellings(prob=1.0)", "inputs": {"instance_id": "id0", "seed": null, "input": "Already, the new product is not available.", "references": []}, "expected": {"input": "Alreayd, hten new product is nto avaliable.", "references": []}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_misspelling_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:filler_words(insert_prob=0.3, speaker_ph=False)", "inputs": {"instance_id": "id0", "seed": null, "input": "The quick brown fox jumps over the lazy dog.", "references": ["The quick brown fox jumps over the lazy dog."]}, "expected": {"input": "The quick brown fox jumps over like the lazy probably dog.", "references": ["The quick brown fox jumps over the lazy dog."]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_filler_words_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:contraction", "inputs": {"instance_id": "id0", "seed": null, "input": "She is a doctor, and I am a student", "references": ["he is a teacher"]}, "expected": {"input": "She's a doctor, and I'm a student", "references": ["he is a teacher"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_contraction_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:expansion", "inputs": {"instance_id": "id0", "seed": null, "input": "She's a doctor, and I'm a student", "references": ["he's a teacher"]}, "expected": {"input": "She is a doctor, and I am a student", "references": ["he's a teacher"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_expansion_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:typos(prob=0.1)", "inputs": {"instance_id": "id0", "seed": null, "input": "After their marriage, she started a close collaboration with Karvelas.", "references": []}, "expected": {"input": "After tjeir marriage, she xrwrted a cloae dollabpration with Iarvwlas.", "references": []}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_typos_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:lowercase", "inputs": {"instance_id": "id0", "seed": null, "input": "Hello World!\\nQuite a day, huh?", "references": ["Yes!"]}, "expected": {"input": "hello world!\\nquite a day, huh?", "references": ["Yes!"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_lowercase_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:space(max_spaces=3)", "inputs": {"instance_id": "id0", "seed": null, "input": "Hello World!\\nQuite a day, huh?", "references": []}, "expected": {"input": "Hello   World!\\nQuite a  day,   huh?", "references": []}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_space_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:gender(mode=pronouns, prob=1.0, male->female)", "inputs": {"instance_id": "id0", "seed": null, "input": "Did she mention that he was coming with his parents and their friends?", "references": ["She didn't, perhaps he didn't tell her!"]}, "expected": {"input": "Did she mention that she was coming with her parents and their friends?", "references": ["She didn't, perhaps she didn't tell her!"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_gender_pronoun_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:gender(mode=terms, prob=1.0, male->female)", "inputs": {"instance_id": "id0", "seed": null, "input": "His grandsons looked a lot like their dad.", "references": ["How did their father look like?"]}, "expected": {"input": "His granddaughters looked a lot like their mom.", "references": ["How did their mother look like?"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_gender_term_perturbation", "note": "rng = random.Random(instance.id) (Python MT19937 seeded from the id string); references are perturbed BEFORE the input with the same rng"},
{"metric": "perturbation:dialect(prob=1.0, SAE->AAVE)", "inputs": {"instance_id": "id0", "input": "I will remember this day to be the best day of my life.", "references": ["Is this love?"]}, "expected": {"input": "I gon remember dis day to b the best day of mah life.", "references": ["Is dis love?"]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_dialect_perturbation", "note": "needs SAE_to_AAVE_mapping.json (crfm-helm-public GCS, from Ziems et al. 2022 VALUE)"},
{"metric": "perturbation:person_name(prob=1.0, white_american->black_american first names, preserve_gender)", "inputs": {"instance_id": "id0", "input": "I learned that Jack, Peter, and Lauren are siblings! Do you know who is the oldest?", "references": ["Peter and peter were friends."]}, "expected": {"input": "I learned that Lamar, Tyree, and Sharise are siblings! Do you know who is the oldest?", "references": ["Tyree and tyree were friends."]}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_person_name_perturbation", "note": "needs person_names.txt (crfm-helm-public GCS); substitutions persist across references and input"},
{"metric": "perturbation:synonym(prob=1.0)", "inputs": {"instance_id": "id0", "input": "This was a good movie, would watch again."}, "expected": {"input": "This was a near motion-picture show, would check once more."}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_synonym_perturbation", "note": "needs spaCy en_core_web_sm POS tags + WordNet morphy + wordnet_synonyms.json; hard to port bit-exactly"},
{"metric": "perturbation:suffix('pixel art')", "inputs": {"instance_id": "id0", "input": "A blue dog"}, "expected": {"input": "A blue dog, pixel art"}, "source": "src/helm/benchmark/augmentations/test_perturbation.py::test_suffix_perturbation"}
]""";

  /** Cases that cannot run here, with the reason. */
  static final Map<String, String> NOT_PORTED =
      Map.of(
          "perturbation:synonym(prob=1.0)",
          "needs spaCy en_core_web_sm POS tags (python3 with spaCy); SpacyTaggerTests runs it"
              + " through the bridge with a fake spaCy giving those tags");

  static PerturbationResources fixtures() {
    try {
      return new PerturbationResources(
          Path.of(PerturbationVectorsTests.class.getResource("data").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Supplier<Perturbation>> perturbations() {
    PerturbationResources data = fixtures();
    return Map.ofEntries(
        Map.entry("extra_space(num_spaces=2)", () -> new ExtraSpacePerturbation(2)),
        Map.entry(
            "misspellings(prob=1.0)", () -> new MisspellingPerturbation(1.0, data.misspellings())),
        Map.entry(
            "filler_words(insert_prob=0.3, speaker_ph=False)",
            () -> new FillerWordsPerturbation(0.3, -1, false, true, true)),
        Map.entry("contraction", ContractionPerturbation::new),
        Map.entry("expansion", ExpansionPerturbation::new),
        Map.entry("typos(prob=0.1)", () -> new TyposPerturbation(0.1)),
        Map.entry("lowercase", LowercasePerturbation::new),
        Map.entry("space(max_spaces=3)", () -> new SpacePerturbation(3)),
        Map.entry(
            "gender(mode=pronouns, prob=1.0, male->female)",
            () -> new GenderPerturbation("pronouns", 1.0, "male", "female", false)),
        Map.entry(
            "gender(mode=terms, prob=1.0, male->female)",
            () -> new GenderPerturbation("terms", 1.0, "male", "female", false)),
        Map.entry(
            "dialect(prob=1.0, SAE->AAVE)",
            () -> new DialectPerturbation(1.0, data.dialectMapping("SAE", "AAVE"))),
        Map.entry(
            "person_name(prob=1.0, white_american->black_american first names, preserve_gender)",
            () ->
                new PersonNamePerturbation(
                    1.0,
                    Map.of("race", "white_american"),
                    Map.of("race", "black_american"),
                    "first_name",
                    true,
                    data.personNames())),
        Map.entry("suffix('pixel art')", () -> new SuffixPerturbation("pixel art")));
  }

  @TestFactory
  Stream<DynamicTest> pinnedCases() throws IOException {
    JsonNode cases = JSON.readTree(PINNED);
    assertThat(cases).hasSize(14);
    return tests(cases);
  }

  @TestFactory
  Stream<DynamicTest> casesInSharedReferenceFile() throws IOException {
    Optional<Path> file = findUp(Path.of("shared", "reference", "helm-test-vectors.json"));
    Assumptions.assumeTrue(
        file.isPresent(), "shared/reference/helm-test-vectors.json not found above user.dir");
    List<JsonNode> cases = new ArrayList<>();
    for (JsonNode c : JSON.readTree(file.get().toFile())) {
      if (c.path("metric").asText().startsWith("perturbation:")) {
        cases.add(c);
      }
    }
    assertThat(cases).isNotEmpty();
    return tests(JSON.valueToTree(cases));
  }

  private static Stream<DynamicTest> tests(JsonNode cases) {
    Map<String, Supplier<Perturbation>> known = perturbations();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      String metric = c.get("metric").asText();
      tests.add(
          DynamicTest.dynamicTest(
              metric,
              () -> {
                Assumptions.assumeFalse(NOT_PORTED.containsKey(metric), NOT_PORTED.get(metric));
                Supplier<Perturbation> p = known.get(metric.substring("perturbation:".length()));
                assertThat(p).as("a perturbation for %s", metric).isNotNull();
                check(p.get(), c);
              }));
    }
    return tests.stream();
  }

  private static void check(Perturbation perturbation, JsonNode c) {
    JsonNode in = c.get("inputs");
    JsonNode seedNode = in.path("seed");
    Integer seed = seedNode.isMissingNode() || seedNode.isNull() ? null : seedNode.asInt();
    List<Reference> refs = new ArrayList<>();
    for (JsonNode r : in.path("references")) {
      refs.add(Reference.correct(r.asText()));
    }
    Instance original =
        Instance.of(in.get("instance_id").asText(), in.get("input").asText(), refs, Split.TEST);
    Instance perturbed = perturbation.apply(original, seed);

    JsonNode expected = c.get("expected");
    assertThat(perturbed.input()).isEqualTo(expected.get("input").asText());
    if (expected.has("references")) {
      List<String> want = new ArrayList<>();
      expected.get("references").forEach(r -> want.add(r.asText()));
      assertThat(perturbed.references())
          .extracting(Reference::text)
          .containsExactlyElementsOf(want);
    }
    assertThat(perturbed.id()).isEqualTo(original.id());
    assertThat(perturbed.perturbation()).isEqualTo(perturbation.description());
  }

  static Optional<Path> findUp(Path relative) {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }
}
