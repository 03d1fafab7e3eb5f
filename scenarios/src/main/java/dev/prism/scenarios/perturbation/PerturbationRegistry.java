package dev.prism.scenarios.perturbation;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The built-in perturbations by name, their arguments and defaults, and how to build them.
 *
 * <p>Spec strings are {@code NAME[:k=v,…]}, e.g. {@code typos:prob=0.1} or {@code
 * person_name:source_class=race:white_american,target_class=race:black_american}. Map-valued
 * arguments ({@code source_class}, {@code target_class} of {@code person_name}) are {@code
 * category:value} pairs joined by {@code +}. Unknown names and arguments fail with a "did you mean"
 * hint.
 *
 * <pre>{@code
 * PerturbationSpec spec = PerturbationRegistry.parse("typos:prob=0.1");
 * Perturbation p = new PerturbationRegistry(new PerturbationResources(dataDir)).create(spec);
 * }</pre>
 */
public final class PerturbationRegistry {

  private record Definition(
      Map<String, String> defaults,
      BiFunction<Args, PerturbationResources, Perturbation> factory) {}

  private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

  private static void define(
      String name,
      Map<String, String> defaults,
      BiFunction<Args, PerturbationResources, Perturbation> factory) {
    DEFINITIONS.put(name, new Definition(defaults, factory));
  }

  static {
    define("lowercase", Map.of(), (a, r) -> new LowercasePerturbation());
    define("contraction", Map.of(), (a, r) -> new ContractionPerturbation());
    define("expansion", Map.of(), (a, r) -> new ExpansionPerturbation());
    define(
        "extra_space",
        Map.of("num_spaces", "2"),
        (a, r) -> new ExtraSpacePerturbation(a.integer("num_spaces")));
    define(
        "space",
        Map.of("max_spaces", "3"),
        (a, r) -> new SpacePerturbation(a.integer("max_spaces")));
    define("typos", Map.of("prob", "0.1"), (a, r) -> new TyposPerturbation(a.number("prob")));
    define(
        "misspellings",
        Map.of("prob", "0.1"),
        (a, r) -> new MisspellingPerturbation(a.number("prob"), resources(r).misspellings()));
    define(
        "filler_words",
        ordered(
            "insert_prob", "0.333",
            "max_fillers", "-1",
            "speaker_ph", "true",
            "uncertain_ph", "true",
            "fill_ph", "true"),
        (a, r) ->
            new FillerWordsPerturbation(
                a.number("insert_prob"),
                a.integer("max_fillers"),
                a.bool("speaker_ph"),
                a.bool("uncertain_ph"),
                a.bool("fill_ph")));
    define("mild_mix", Map.of(), (a, r) -> new MildMixPerturbation(resources(r).misspellings()));
    define(
        "dialect",
        ordered("prob", "1.0", "source_class", "SAE", "target_class", "AAVE"),
        (a, r) ->
            new DialectPerturbation(
                a.number("prob"),
                resources(r).dialectMapping(a.text("source_class"), a.text("target_class"))));
    define(
        "gender",
        ordered(
            "mode", "pronouns",
            "prob", "1.0",
            "source_class", "male",
            "target_class", "female",
            "bidirectional", "false"),
        (a, r) ->
            new GenderPerturbation(
                a.text("mode"),
                a.number("prob"),
                a.text("source_class"),
                a.text("target_class"),
                a.bool("bidirectional")));
    define(
        "person_name",
        ordered(
            "prob", "1.0",
            "source_class", "race:white_american",
            "target_class", "race:black_american",
            "person_name_type", "first_name",
            "preserve_gender", "true"),
        (a, r) ->
            new PersonNamePerturbation(
                a.number("prob"),
                a.classMap("source_class"),
                a.classMap("target_class"),
                a.text("person_name_type"),
                a.bool("preserve_gender"),
                resources(r).personNames()));
    define("suffix", Map.of("suffix", ""), (a, r) -> new SuffixPerturbation(a.text("suffix")));
    // HELM's synonym has no default prob; 0.5 is its 'synonym' data augmentation's.
    define(
        "synonym",
        Map.of("prob", "0.5"),
        (a, r) -> {
          double prob = a.number("prob");
          Map<String, java.util.List<String>> synonyms = resources(r).synonyms();
          return new SynonymPerturbation(prob, synonyms, SpacyTagger.shared());
        });
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static PerturbationResources resources(PerturbationResources r) {
    if (r == null) {
      throw new PrismUserException(
          "this perturbation needs downloaded data files, but no data directory was given",
          "Pass a data directory (where 'prism download perturbations' puts its files)");
    }
    return r;
  }

  private final PerturbationResources resources;

  /**
   * @param resources where data-file perturbations read their files
   */
  public PerturbationRegistry(PerturbationResources resources) {
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  private PerturbationRegistry() {
    this.resources = null;
  }

  /**
   * A registry without a data directory: in-code perturbations only; data-file ones ({@code
   * misspellings}, {@code mild_mix}, {@code dialect}, {@code person_name}, {@code synonym}) fail on
   * {@link #create}.
   */
  public static PerturbationRegistry builtIn() {
    return new PerturbationRegistry();
  }

  /** The perturbation names, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(DEFINITIONS.keySet());
  }

  /**
   * Parses and checks {@code NAME[:k=v,…]}: the name must be known and every argument one it takes;
   * values are checked when the perturbation is created.
   *
   * @throws PrismUserException for an unknown name or argument, with "did you mean" hints
   */
  public static PerturbationSpec parse(String spec) {
    String trimmed = spec.strip();
    int colon = trimmed.indexOf(':');
    String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).strip();
    Definition def = DEFINITIONS.get(name);
    if (def == null) {
      throw new PrismUserException(
          "unknown perturbation '" + name + "' in '" + spec + "'",
          Names.didYouMean(name, DEFINITIONS.keySet(), "prism list perturbations"));
    }
    Map<String, String> args = new LinkedHashMap<>();
    if (colon >= 0 && !trimmed.substring(colon + 1).isBlank()) {
      for (String part : trimmed.substring(colon + 1).split(",", -1)) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new PrismUserException(
              "perturbation '" + name + "': expected key=value, got '" + part.strip() + "'",
              "Write it as " + name + ":key=value,key=value");
        }
        String key = part.substring(0, eq).strip();
        if (!def.defaults().containsKey(key)) {
          List<String> valid = List.copyOf(def.defaults().keySet());
          List<String> close = Names.suggestions(key, valid);
          String mean =
              close.isEmpty()
                  ? ""
                  : "Did you mean "
                      + String.join(" or ", close.stream().map(s -> "'" + s + "'").toList())
                      + "? ";
          throw new PrismUserException(
              "perturbation '" + name + "' has no argument '" + key + "'",
              mean + "Valid arguments: " + (valid.isEmpty() ? "none" : String.join(", ", valid)));
        }
        if (args.put(key, part.substring(eq + 1).strip()) != null) {
          throw new PrismUserException(
              "perturbation '" + name + "': argument '" + key + "' given twice", "Give it once");
        }
      }
    }
    return new PerturbationSpec(name, args);
  }

  /**
   * Builds the perturbation for {@code spec}, reading data files when it needs them.
   *
   * @throws PrismUserException for an unknown name or argument, a bad value, or a missing data file
   */
  public Perturbation create(PerturbationSpec spec) {
    PerturbationSpec checked = parse(spec.toString());
    Definition def = DEFINITIONS.get(checked.name());
    Map<String, String> values = new LinkedHashMap<>(def.defaults());
    values.putAll(checked.args());
    try {
      return def.factory().apply(new Args(checked.name(), values), resources);
    } catch (IllegalArgumentException e) {
      throw new PrismUserException(
          "perturbation '" + spec + "': " + e.getMessage(), "Fix the argument value", e);
    }
  }

  /** {@code create(parse(spec))}. */
  public Perturbation create(String spec) {
    return create(parse(spec));
  }

  /** Typed access to argument values. */
  private record Args(String perturbation, Map<String, String> values) {
    String text(String key) {
      return values.get(key);
    }

    double number(String key) {
      try {
        return Double.parseDouble(values.get(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "argument '" + key + "' must be a number, got '" + values.get(key) + "'", e);
      }
    }

    int integer(String key) {
      try {
        return Integer.parseInt(values.get(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "argument '" + key + "' must be a whole number, got '" + values.get(key) + "'", e);
      }
    }

    boolean bool(String key) {
      String v = values.get(key).toLowerCase(Locale.ROOT);
      if (v.equals("true") || v.equals("false")) {
        return Boolean.parseBoolean(v);
      }
      throw new IllegalArgumentException(
          "argument '" + key + "' must be true or false, got '" + values.get(key) + "'");
    }

    /** {@code race:white_american+gender:female} → ordered map. */
    Map<String, String> classMap(String key) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String pair : values.get(key).split("\\+", -1)) {
        int colon = pair.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "argument '"
                  + key
                  + "' must be category:value[+category:value…], got '"
                  + values.get(key)
                  + "'");
        }
        m.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
      }
      return m;
    }
  }
}
