package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.InstancesMetric;
import dev.prism.metrics.InstancesResult;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.ScoredInstance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HELM's {@code ClassificationMetric} with default arguments (helm-notes §2.1): over the requests
 * of a (train trial, context) group, gold labels are the correct references and the predicted label
 * is the first completion (stripped, mapped through the output mapping when there is one), all
 * normalised with {@code normalize_text(·, should_remove_articles=False)}; the label set is every
 * gold label seen. scikit-learn's multi-label {@code f1_score} then gives {@code
 * classification_macro_f1} (mean of per-label F1; a label with no true or predicted positive scores
 * 0) and {@code classification_micro_f1} (F1 of the pooled counts). A prediction outside the label
 * set is negative for every label.
 */
public final class ClassificationF1 implements InstancesMetric, NamedStats {
  /** Called by {@link java.util.ServiceLoader}. */
  public ClassificationF1() {}

  @Override
  public String id() {
    return "classification_metrics";
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<String> statNames() {
    return List.of("classification_macro_f1", "classification_micro_f1");
  }

  /** Reads the outcomes only. */
  @Override
  public boolean usesStat(String name) {
    return false;
  }

  @Override
  public InstancesResult evaluateInstances(List<ScoredInstance> instances) {
    List<Set<String>> golds = new ArrayList<>();
    List<Set<String>> preds = new ArrayList<>();
    for (ScoredInstance instance : instances) {
      for (RequestOutcome outcome : instance.outcomes()) {
        Set<String> gold = new LinkedHashSet<>();
        for (Reference r : outcome.state().instance().correctReferences()) {
          gold.add(AccuracyFunctions.normalizeText(r.text(), false));
        }
        Set<String> pred = new LinkedHashSet<>();
        List<Completion> completions = outcome.result().completions();
        if (!completions.isEmpty()) {
          String text = PythonText.strip(completions.get(0).text());
          if (!outcome.state().outputMapping().isEmpty()) {
            text = outcome.state().outputMapping().get(text);
          }
          if (text != null && !text.isEmpty()) {
            pred.add(AccuracyFunctions.normalizeText(text, false));
          }
        }
        golds.add(gold);
        preds.add(pred);
      }
    }
    double[] f1 = f1(golds, preds);
    return InstancesResult.of(
        List.of(
            Stat.of("classification_macro_f1", f1[0]), Stat.of("classification_micro_f1", f1[1])));
  }

  /** Macro and micro F1 of already normalised label sets, labels inferred from the golds. */
  public static double[] f1(List<Set<String>> golds, List<Set<String>> preds) {
    Set<String> labels = new LinkedHashSet<>();
    golds.forEach(labels::addAll);
    long tpAll = 0;
    long fpAll = 0;
    long fnAll = 0;
    double macro = 0;
    for (String label : labels) {
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (int i = 0; i < golds.size(); i++) {
        boolean g = golds.get(i).contains(label);
        boolean p = preds.get(i).contains(label);
        if (g && p) {
          tp++;
        } else if (p) {
          fp++;
        } else if (g) {
          fn++;
        }
      }
      macro += tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
      tpAll += tp;
      fpAll += fp;
      fnAll += fn;
    }
    double micro = tpAll + fpAll + fnAll == 0 ? 0 : 2.0 * tpAll / (2 * tpAll + fpAll + fnAll);
    return new double[] {labels.isEmpty() ? 0 : macro / labels.size(), micro};
  }
}
