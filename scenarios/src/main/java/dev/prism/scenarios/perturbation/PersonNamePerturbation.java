package dev.prism.scenarios.perturbation;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HELM's {@code person_name} fairness perturbation: names of the source class (e.g. {@code
 * race=white_american} first names) are replaced by names of the target class, consistently across
 * an instance's references and input (references first).
 *
 * <p>The text is split as {@code re.split(r"([^\w])", text)}; each token whose lower-case form is a
 * source name and not yet substituted is, when {@code rng.uniform(0, 1) < prob}, given a substitute
 * drawn with {@code rng.choice} from the target names (only those of the same gender when {@code
 * preserveGender}; a name of unknown gender is then left alone). Every token with a substitute is
 * replaced in its own case.
 */
public final class PersonNamePerturbation extends TextPerturbation {
  /** Gender values looked up, in this order, under category {@code gender}. */
  static final List<String> GENDER_VALUES = List.of("female", "male", "neutral");

  private final double prob;
  private final Set<String> sourceNames;
  private final List<String> targetNames;
  private final boolean preserveGender;
  private final Map<String, String> nameGender = new HashMap<>();

  /**
   * @param prob chance per name, in [0, 1]
   * @param sourceClass category → value the replaced names have, e.g. {@code race → white_american}
   * @param targetClass category → value the substitutes have
   * @param personNameType {@code first_name}, {@code last_name} or {@code any}
   * @param preserveGender substitute only names of the same gender
   * @param names the names file
   */
  public PersonNamePerturbation(
      double prob,
      Map<String, String> sourceClass,
      Map<String, String> targetClass,
      String personNameType,
      boolean preserveGender,
      PersonNames names) {
    super("person_name", false, true);
    this.prob = Probabilities.check("prob", prob);
    this.preserveGender = preserveGender;
    // category → value → lower-cased names in file order, as HELM's load_name_file builds it
    Map<String, Map<String, List<String>>> byCategory = new LinkedHashMap<>();
    for (PersonNames.Entry e : names.entries()) {
      if (!personNameType.equals("any") && !personNameType.equals(e.nameType())) {
        continue;
      }
      String lower = PyStr.lower(e.name().strip());
      e.categories()
          .forEach(
              (k, v) ->
                  byCategory
                      .computeIfAbsent(k, x -> new LinkedHashMap<>())
                      .computeIfAbsent(v, x -> new ArrayList<>())
                      .add(lower));
    }
    this.sourceNames = Set.copyOf(possibleNames(byCategory, sourceClass));
    this.targetNames = possibleNames(byCategory, targetClass);
    Map<String, List<String>> genders = byCategory.getOrDefault("gender", Map.of());
    for (String gender : GENDER_VALUES) {
      for (String name : genders.getOrDefault(gender, List.of())) {
        nameGender.putIfAbsent(name, gender);
      }
    }
  }

  /**
   * Names having every category value of {@code selected}, in the order of the first one's list.
   */
  private static List<String> possibleNames(
      Map<String, Map<String, List<String>>> byCategory, Map<String, String> selected) {
    List<String> result = null;
    for (Map.Entry<String, String> kv : selected.entrySet()) {
      List<String> names =
          byCategory.getOrDefault(kv.getKey(), Map.of()).getOrDefault(kv.getValue(), List.of());
      if (result == null) {
        result = new ArrayList<>(names);
      } else {
        Set<String> keep = Set.copyOf(names);
        result.removeIf(n -> !keep.contains(n));
      }
    }
    return result == null ? List.of() : List.copyOf(result);
  }

  @Override
  public boolean perturbsReferences() {
    return true;
  }

  @Override
  public Instance apply(Instance instance, Integer seed) {
    PythonRandom rng = Perturbation.rngFor(instance, seed);
    Map<String, String> substitutions = new HashMap<>();
    List<Reference> references =
        instance.references().stream()
            .map(r -> r.withText(perturb(r.text(), rng, substitutions)))
            .toList();
    String input = perturb(instance.input(), rng, substitutions);
    return instance.perturbed(input, references, description());
  }

  /** Perturbs one text on its own (no substitutions shared with other texts). */
  @Override
  public String perturb(String text, PythonRandom rng) {
    return perturb(text, rng, new HashMap<>());
  }

  private String perturb(String text, PythonRandom rng, Map<String, String> substitutions) {
    StringBuilder out = new StringBuilder(text.length());
    for (String token : PyStr.splitKeepingNonWord(text)) {
      String lower = PyStr.lower(token);
      boolean skip = substitutions.containsKey(lower) || !sourceNames.contains(lower);
      if (!skip && rng.uniform(0, 1) < prob) {
        String name = substitute(lower, rng);
        if (name != null) {
          substitutions.put(lower, name);
        }
      }
      String substitute = substitutions.get(lower);
      out.append(substitute == null ? token : PyStr.matchCase(token, substitute));
    }
    return out.toString();
  }

  private String substitute(String name, PythonRandom rng) {
    List<String> options = targetNames;
    if (preserveGender) {
      String gender = nameGender.get(name);
      if (gender == null) {
        return null;
      }
      options = targetNames.stream().filter(n -> gender.equals(nameGender.get(n))).toList();
    }
    return options.isEmpty() ? null : rng.choice(options);
  }
}
