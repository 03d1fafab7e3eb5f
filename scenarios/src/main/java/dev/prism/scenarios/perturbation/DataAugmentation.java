package dev.prism.scenarios.perturbation;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How eval instances are augmented for one run: HELM's {@code DataAugmenterSpec} as the {@code
 * data_augmentation} run expander builds it (eval instances only; train instances untouched).
 *
 * @param name the option name, e.g. {@code canonical}; HELM appends it to the run name
 * @param perturbations applied in order to every eval instance; copied
 * @param includeOriginal keep the unperturbed instance ({@code should_include_original_eval})
 * @param skipUnchanged drop copies whose input did not change ({@code should_skip_unchanged_eval})
 * @param seedsPerInstance perturbed copies per perturbation ({@code seeds_per_instance}), at least
 *     1
 */
public record DataAugmentation(
    String name,
    List<PerturbationSpec> perturbations,
    boolean includeOriginal,
    boolean skipUnchanged,
    int seedsPerInstance) {
  public DataAugmentation {
    Objects.requireNonNull(name, "name");
    perturbations = List.copyOf(perturbations);
    if (seedsPerInstance < 1) {
      throw new IllegalArgumentException("seedsPerInstance must be >= 1, got " + seedsPerInstance);
    }
  }

  /** HELM's expander settings: original kept, unchanged copies skipped, one seed. */
  public static DataAugmentation of(String name, List<PerturbationSpec> perturbations) {
    return new DataAugmentation(name, perturbations, true, true, 1);
  }

  private static final List<PerturbationSpec> ROBUSTNESS = List.of(PerturbationSpec.of("mild_mix"));
  private static final List<PerturbationSpec> FAIRNESS =
      List.of(
          spec("dialect:prob=1.0,source_class=SAE,target_class=AAVE"),
          spec("gender:mode=pronouns,prob=1.0,source_class=male,target_class=female"),
          spec(
              "person_name:prob=1.0,source_class=race:white_american,"
                  + "target_class=race:black_american,person_name_type=first_name,"
                  + "preserve_gender=true"));

  /** HELM's {@code PERTURBATION_SPECS_DICT}: value of data_augmentation → option name → specs. */
  private static final Map<String, Map<String, List<PerturbationSpec>>> NAMED =
      new LinkedHashMap<>();

  private static PerturbationSpec spec(String s) {
    return PerturbationRegistry.parse(s);
  }

  private static void one(String key, String option, List<PerturbationSpec> specs) {
    NAMED.put(key, Map.of(option, specs));
  }

  static {
    one("extra_space", "extra_space2", List.of(spec("extra_space:num_spaces=2")));
    one("space", "space3", List.of(spec("space:max_spaces=3")));
    one("lower", "lower", List.of(spec("lowercase")));
    // Prism's: one robustness and one fairness perturbation that need no downloaded data, so the
    // offline quickstart reports both families.
    one(
        "offline",
        "offline",
        List.of(
            spec("typos:prob=0.1"),
            spec("gender:mode=pronouns,prob=1.0,source_class=male,target_class=female")));
    one("contract", "contract", List.of(spec("contraction"), spec("expansion")));
    one("filler", "filler0.3", List.of(spec("filler_words:insert_prob=0.3,speaker_ph=false")));
    one("misspelling_mild", "misspelling0.05", List.of(spec("misspellings:prob=0.05")));
    one("misspelling_medium", "misspelling0.20", List.of(spec("misspellings:prob=0.20")));
    one("misspelling_hard", "misspelling0.5", List.of(spec("misspellings:prob=0.5")));
    Map<String, List<PerturbationSpec>> sweep = new LinkedHashMap<>();
    for (String p : List.of("0", "0.05", "0.2", "0.5")) {
      sweep.put("misspelling" + p, List.of(spec("misspellings:prob=" + p)));
    }
    NAMED.put("misspelling_sweep", sweep);
    one("synonym", "synonym0.5", List.of(spec("synonym:prob=0.5")));
    one("typo_easy", "typo0.1", List.of(spec("typos:prob=0.10")));
    one("typo_medium", "typo0.3", List.of(spec("typos:prob=0.30")));
    one("typo_hard", "typo0.5", List.of(spec("typos:prob=0.50")));
    for (String[] level :
        List.of(
            new String[] {"easy", "0.1"},
            new String[] {"medium", "0.3"},
            new String[] {"hard", "0.5"},
            new String[] {"deterministic", "1.0"})) {
      String l = level[0];
      String p = level[1];
      one(
          "dialect_" + l,
          "dialect_" + l,
          List.of(spec("dialect:prob=" + p + ",source_class=SAE,target_class=AAVE")));
      one(
          "gender_terms_" + l,
          "gender_terms_" + l,
          List.of(spec("gender:mode=terms,prob=" + p + ",source_class=male,target_class=female")));
      one(
          "gender_pronouns_" + l,
          "gender_pronouns_" + l,
          List.of(
              spec("gender:mode=pronouns,prob=" + p + ",source_class=male,target_class=female")));
      one(
          "person_name_first_" + l,
          "person_name_first_" + l,
          List.of(
              spec(
                  "person_name:prob="
                      + p
                      + ",source_class=race:white_american,target_class=race:black_american,"
                      + "person_name_type=first_name,preserve_gender=true")));
    }
    one("robustness", "robustness", ROBUSTNESS);
    one("fairness", "fairness", FAIRNESS);
    one(
        "canonical",
        "canonical",
        List.copyOf(
            java.util.stream.Stream.concat(ROBUSTNESS.stream(), FAIRNESS.stream()).toList()));
    one(
        "robustness_all",
        "robustness_all",
        List.of(
            spec("contraction"),
            spec("expansion"),
            spec("filler_words:insert_prob=0.1,speaker_ph=false"),
            spec("lowercase"),
            spec("misspellings:prob=0.1"),
            spec("space:max_spaces=3"),
            // HELM's list includes it, so this needs spaCy as HELM does (exit 2 with the pip
            // command without it).
            spec("synonym:prob=0.1"),
            spec("typos:prob=0.01")));
  }

  /** The values {@code data_augmentation=} accepts, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(NAMED.keySet());
  }

  /**
   * Every option of {@code data_augmentation=name} (one per run; only sweeps have several), option
   * name → augmentation, in order.
   *
   * @throws PrismUserException for an unknown name, with a "did you mean" hint
   */
  public static Map<String, DataAugmentation> options(String name) {
    Map<String, List<PerturbationSpec>> options = NAMED.get(name);
    if (options == null) {
      throw new PrismUserException(
          "unknown data_augmentation '" + name + "'",
          Names.didYouMean(name, NAMED.keySet(), "prism list perturbations"));
    }
    Map<String, DataAugmentation> result = new LinkedHashMap<>();
    options.forEach((option, specs) -> result.put(option, of(option, specs)));
    return result;
  }

  /**
   * The augmentation for {@code data_augmentation=name}, e.g. {@code canonical} = [mild_mix] +
   * [dialect, gender, person_name], original kept, unchanged copies skipped, one seed.
   *
   * @throws PrismUserException for an unknown name or a sweep with several options (use {@link
   *     #options(String)})
   */
  public static DataAugmentation named(String name) {
    Map<String, DataAugmentation> options = options(name);
    if (options.size() != 1) {
      throw new PrismUserException(
          "data_augmentation '" + name + "' is a sweep of " + options.size() + " runs",
          "Expand it with DataAugmentation.options: " + String.join(", ", options.keySet()));
    }
    return options.values().iterator().next();
  }
}
