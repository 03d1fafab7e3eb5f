package dev.prism.reports.stats;

/** The paired test used to compare two models on the same instances. */
public enum PairedTest {
  /** Exact McNemar test on the discordant pairs; used when every value is 0 or 1. */
  MCNEMAR("McNemar"),
  /** Two-sided paired bootstrap of the mean difference; used for all other metrics. */
  PAIRED_BOOTSTRAP("paired bootstrap");

  private final String label;

  PairedTest(String label) {
    this.label = label;
  }

  /** A short human-readable name, e.g. {@code McNemar}. */
  public String label() {
    return label;
  }
}
