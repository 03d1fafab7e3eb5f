package dev.prism.reports.html;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.model.InstanceView;
import java.util.Comparator;

/** The orders the site lists things in, so that output never depends on input order. */
final class Order {
  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<PerturbationDescription> PERTURBATION =
      Comparator.nullsFirst(
          Comparator.comparing(PerturbationDescription::name)
              .thenComparing(PerturbationDescription::computedOn, TEXT)
              .thenComparing(PerturbationDescription::robustness)
              .thenComparing(PerturbationDescription::fairness));

  /** Stats by name, split, sub-split, then perturbation (unperturbed first). */
  static final Comparator<Stat> STATS =
      Comparator.comparing(Stat::key, Comparator.comparing(MetricKey::name))
          .thenComparing(s -> s.key().split(), TEXT)
          .thenComparing(s -> s.key().subSplit(), TEXT)
          .thenComparing(s -> s.key().perturbation(), PERTURBATION);

  /**
   * Instances by id (numbers inside ids compared as numbers, so {@code id2} precedes {@code id10}),
   * train trial, perturbation (original first, so perturbed variants follow it), then split.
   */
  static final Comparator<InstanceView> INSTANCES =
      Comparator.comparing(InstanceView::instanceId, Order::compareNatural)
          .thenComparingInt(InstanceView::trainTrialIndex)
          .thenComparing(InstanceView::perturbation, TEXT)
          .thenComparing(InstanceView::split);

  private Order() {}

  /** Compares runs of ASCII digits numerically and everything else by char; a total order. */
  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (isDigit(ca) && isDigit(cb)) {
        int ei = i;
        while (ei < a.length() && isDigit(a.charAt(ei))) {
          ei++;
        }
        int ej = j;
        while (ej < b.length() && isDigit(b.charAt(ej))) {
          ej++;
        }
        String da = stripZeros(a.substring(i, ei));
        String db = stripZeros(b.substring(j, ej));
        int cmp =
            da.length() != db.length()
                ? Integer.compare(da.length(), db.length())
                : da.compareTo(db);
        if (cmp != 0) {
          return cmp;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int cmp = Integer.compare(a.length() - i, b.length() - j);
    // Equal under the natural order ("id01" vs "id1"): fall back to plain order to stay total.
    return cmp != 0 ? cmp : a.compareTo(b);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
