package dev.prism.reports.table;

import dev.prism.reports.model.RunReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps runs scored by different methods out of one ranked column. A run's scoring method is its
 * prompt method after capability fitting (e.g. {@code multiple_choice_separate_original}, scored by
 * prompt log-likelihood, or {@code multiple_choice_joint}, the fallback that generates and compares
 * an answer letter on a deployment without prompt log-probabilities). Their numbers are not
 * comparable, so when the runs of one scenario use more than one method, every metric column of
 * that scenario is split into one column per method, labelled {@code [method]}. Each column is
 * ranked (bold, win rates, tests) only among runs of its own method, as HELM keeps rows of
 * different adapter specs apart ({@code summarize.py} groups runs by adapter spec and labels the
 * row with the differing keys, such as {@code method}).
 */
final class ScoringMethods {
  private ScoringMethods() {}

  /**
   * The methods to make columns for: a single {@code null} (one unsplit column) when all runs share
   * one method, else each method, the one used by the most deployments first (ties by name).
   */
  static List<String> split(Collection<RunReport> runs) {
    Map<String, Set<String>> deployments = new TreeMap<>();
    for (RunReport r : runs) {
      deployments.computeIfAbsent(r.promptMethod(), k -> new HashSet<>()).add(r.deployment());
    }
    if (deployments.size() < 2) {
      return Collections.singletonList(null);
    }
    List<String> methods = new ArrayList<>(deployments.keySet());
    methods.sort(
        Comparator.comparingInt((String m) -> -deployments.get(m).size())
            .thenComparing(Comparator.naturalOrder()));
    return methods;
  }

  /** Whether {@code run} belongs in a column of {@code method} ({@code null}: every run). */
  static boolean includes(String method, RunReport run) {
    return method == null || method.equals(run.promptMethod());
  }

  /** The runs of {@code runs} that belong in a column of {@code method}. */
  static List<RunReport> filter(String method, List<RunReport> runs) {
    return method == null ? runs : runs.stream().filter(r -> includes(method, r)).toList();
  }

  /** The suffix of a column title: {@code ""} unsplit, else {@code " [method]"}. */
  static String label(String method) {
    return method == null ? "" : " [" + method + "]";
  }

  /** The sentence a split column's description ends with; {@code ""} unsplit. */
  static String note(String method, List<String> methods) {
    if (method == null) {
      return "";
    }
    List<String> others = new ArrayList<>(methods);
    others.remove(method);
    return " Scored by "
        + method
        + "; runs of this scenario scored by "
        + String.join(", ", others)
        + " are in their own column and are not ranked against these.";
  }
}
