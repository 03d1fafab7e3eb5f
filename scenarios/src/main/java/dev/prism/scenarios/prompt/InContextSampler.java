package dev.prism.scenarios.prompt;

import dev.prism.core.Instance;
import dev.prism.core.Reference;
import dev.prism.scenarios.random.PythonRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chooses the in-context examples of one train trial as HELM's {@code
 * InContextLearningAdapter.sample_examples} does, drawing from a fresh {@link PythonRandom} seeded
 * with the trial index (HELM calls the global {@code random.seed(trial)}), so the same examples
 * come out in the same order.
 *
 * <p>Label-balanced: train instances are grouped by the text of their first correct reference;
 * labels are sorted (Python order), grouped by how many instances they have, groups taken from the
 * largest count down with the labels inside a group shuffled; then labels are visited round-robin,
 * each visit popping {@code randrange(len)} from that label's instances; instances without a
 * correct reference are drawn last with {@code random.sample}.
 *
 * <p>Two HELM bugs are fixed, not copied (same results whenever HELM terminates correctly):
 *
 * <ul>
 *   <li>HELM's round-robin is {@code itertools.cycle}, which never ends: when every labelled
 *       instance is used but more examples are wanted (a pool mixing labelled and unlabelled
 *       instances), HELM loops forever. Here the round-robin stops once every label is exhausted,
 *       and the rest come from the unlabelled instances.
 *   <li>HELM stops at a label that is the empty string ({@code if not next_label: break}), which is
 *       falsy in Python, returning too few examples. Here {@code ""} is a label like any other.
 * </ul>
 */
final class InContextSampler {
  private InContextSampler() {}

  /**
   * @param train all train instances, in scenario order
   * @param maxTrainInstances the wanted number of examples
   * @param seed the train trial index
   * @param sampleTrain false takes the consecutive slice {@code [k*seed, k*(seed+1))} instead
   */
  static List<Instance> sample(
      List<Instance> train, int maxTrainInstances, int seed, boolean sampleTrain) {
    int k = Math.min(train.size(), maxTrainInstances);
    if (!sampleTrain) {
      // Python slicing clamps both ends to the list.
      long from = Math.min((long) k * seed, train.size());
      long to = Math.min((long) k * (seed + 1), train.size());
      return List.copyOf(train.subList((int) from, (int) to));
    }
    PythonRandom random = new PythonRandom(seed);

    Map<String, List<Instance>> byLabel = new TreeMap<>(PyText::compareCodePoints);
    List<Instance> unlabeled = new ArrayList<>();
    for (Instance instance : train) {
      Optional<Reference> label = instance.firstCorrectReference();
      if (label.isPresent()) {
        byLabel.computeIfAbsent(label.get().text(), x -> new ArrayList<>()).add(instance);
      } else {
        unlabeled.add(instance);
      }
    }

    // Labels (already sorted) bucketed by their instance count; buckets from the largest count.
    Map<Integer, List<String>> labelsByCount = new TreeMap<>(Comparator.reverseOrder());
    byLabel.forEach(
        (label, list) ->
            labelsByCount.computeIfAbsent(list.size(), x -> new ArrayList<>()).add(label));
    List<String> order = new ArrayList<>();
    for (List<String> labels : labelsByCount.values()) {
      random.shuffle(labels); // ties broken at random
      order.addAll(labels);
    }

    List<Instance> examples = new ArrayList<>(k);
    int remaining = k;
    int labelled = train.size() - unlabeled.size();
    for (int i = 0; remaining > 0 && labelled > 0; i = (i + 1) % order.size()) {
      List<Instance> pool = byLabel.get(order.get(i));
      if (pool.isEmpty()) {
        continue; // HELM skips exhausted labels without drawing
      }
      examples.add(pool.remove((int) random.randrange(pool.size())));
      remaining--;
      labelled--;
    }
    examples.addAll(random.sample(unlabeled, remaining));
    return List.copyOf(examples);
  }
}
