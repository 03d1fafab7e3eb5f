package dev.prism.scenarios.builtin;

import dev.prism.core.Instance;
import dev.prism.core.PromptFormat;
import dev.prism.core.PromptMethod;
import dev.prism.core.Reference;
import dev.prism.core.Scenario;
import dev.prism.core.ScenarioContext;
import dev.prism.core.Split;
import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code prism/arithmetic}: addition, subtraction and multiplication word problems generated from a
 * seeded {@link PythonRandom}, so it needs no download and the same seed always gives the same
 * instances. Arguments: {@code seed} (default 0) and {@code num_instances} (test instances, default
 * 50); there are always 10 train instances, listed first. Ids are {@code id0, id1, …} in list
 * order.
 *
 * <pre>
 * Question: Maria has 23 apples and gets 45 more. How many apples does Maria have now?
 * Answer: 68
 * </pre>
 */
public final class ArithmeticScenario implements Scenario {
  static final String ID = "prism/arithmetic";
  static final int NUM_TRAIN = 10;
  private static final List<String> ARGS = List.of("seed", "num_instances");
  private static final List<String> OPS = List.of("+", "-", "*");
  private static final List<String> NAMES =
      List.of("Maria", "Tom", "Aisha", "Kenji", "Lena", "Omar", "Priya", "Sam");
  private static final List<String> ITEMS =
      List.of("apples", "pencils", "marbles", "stickers", "books", "coins", "shells", "cards");
  private static final Map<String, List<String>> TEMPLATES =
      Map.of(
          "+",
          List.of(
              "What is {a} plus {b}?",
              "{name} has {a} {item} and gets {b} more. How many {item} does {name} have now?"),
          "-",
          List.of(
              "What is {a} minus {b}?",
              "{name} has {a} {item} and gives away {b}. How many {item} does {name} have left?"),
          "*",
          List.of(
              "What is {a} times {b}?",
              "{name} buys {a} boxes with {b} {item} in each box. How many {item} does {name}"
                  + " buy?"));

  /** Cheap; instances are generated in {@link #instances}. */
  public ArithmeticScenario() {}

  @Override
  public String id() {
    return ID;
  }

  /** HELM's exact-match family for this kind of answer (helm-notes §1.8). */
  @Override
  public List<String> metrics() {
    return List.of(
        "exact_match", "quasi_exact_match", "prefix_exact_match", "final_number_exact_match");
  }

  @Override
  public String description() {
    return "Arithmetic word problems (addition, subtraction, multiplication), generated offline";
  }

  /**
   * @throws dev.prism.core.PrismUserException for unknown arguments or bad values
   */
  @Override
  public List<Instance> instances(ScenarioContext context) {
    Map<String, String> args = context.args();
    ScenarioArgs.checkKnown(ID, args, ARGS);
    long seed = ScenarioArgs.integer(ID, args, "seed", 0, Long.MIN_VALUE + 1, Long.MAX_VALUE);
    int numTest = (int) ScenarioArgs.integer(ID, args, "num_instances", 50, 1, 100_000);
    return generate(seed, numTest);
  }

  static List<Instance> generate(long seed, int numTest) {
    PythonRandom rng = new PythonRandom(seed);
    Set<String> questions = new HashSet<>();
    List<Instance> result = new ArrayList<>(NUM_TRAIN + numTest);
    while (result.size() < NUM_TRAIN + numTest) {
      String op = rng.choice(OPS);
      long a;
      long b;
      if (op.equals("*")) {
        a = rng.randint(2, 12);
        b = rng.randint(2, 12);
      } else {
        a = rng.randint(2, 99);
        b = rng.randint(2, 99);
        if (op.equals("-") && a < b) { // keep answers non-negative
          long t = a;
          a = b;
          b = t;
        }
      }
      String question =
          rng.choice(TEMPLATES.get(op))
              .replace("{a}", Long.toString(a))
              .replace("{b}", Long.toString(b))
              .replace("{name}", rng.choice(NAMES))
              .replace("{item}", rng.choice(ITEMS));
      if (!questions.add(question)) {
        continue; // no question twice, so train and test never overlap
      }
      long answer =
          switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            default -> a * b;
          };
      int index = result.size();
      result.add(
          Instance.of(
              "id" + index,
              question,
              List.of(Reference.correct(Long.toString(answer))),
              index < NUM_TRAIN ? Split.TRAIN : Split.TEST));
    }
    return List.copyOf(result);
  }

  /**
   * HELM's {@code get_generation_adapter_spec} shape with "Question"/"Answer" nouns, 3 in-context
   * examples, greedy decoding and answers cut at the first newline.
   */
  @Override
  public PromptFormat promptFormat() {
    return PromptFormat.defaults().toBuilder()
        .method(PromptMethod.GENERATION)
        .inputPrefix("Question: ")
        .inputSuffix("\n")
        .outputPrefix("Answer: ")
        .outputSuffix("\n")
        .maxTrainInstances(3)
        .numOutputs(1)
        .temperature(0)
        .maxTokens(10)
        .stopSequences(List.of("\n"))
        .build();
  }

  @Override
  public String mainMetric() {
    return "exact_match";
  }
}
