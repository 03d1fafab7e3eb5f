package dev.prism.reports.schema;

import java.util.Objects;

/**
 * One column of a metric group, HELM's {@code MetricNameMatcher}: which stats a cell is made of.
 * {@code name} and {@code split} may hold the placeholders {@code ${main_name}} and {@code
 * ${main_split}}, which a run group's environment fills in.
 *
 * @param name stat name or {@code ${main_name}}; never {@code null}
 * @param split split name, {@code ${main_split}}, or {@code __all__} for every split; never {@code
 *     null}
 * @param subSplit a sub-split, or {@code null} to merge every sub-split
 * @param perturbationName a perturbation name (e.g. {@code robustness}), or {@code null} for
 *     unperturbed stats
 */
public record MetricRef(String name, String split, String subSplit, String perturbationName) {
  /** The placeholder for the run group's main metric. */
  public static final String MAIN_NAME = "${main_name}";

  /** The placeholder for the run group's main split. */
  public static final String MAIN_SPLIT = "${main_split}";

  /** Matches every split. */
  public static final String ALL_SPLITS = "__all__";

  public MetricRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
  }

  /** This reference with the placeholders replaced. */
  public MetricRef resolve(String mainName, String mainSplit) {
    return new MetricRef(
        name.replace(MAIN_NAME, mainName),
        split.replace(MAIN_SPLIT, mainSplit),
        subSplit,
        perturbationName);
  }
}
