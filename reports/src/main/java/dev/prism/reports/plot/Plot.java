package dev.prism.reports.plot;

/** A chart as data; {@link Svg} draws it. */
public sealed interface Plot permits ScatterPlot, BarChart {
  /** The chart's title; never {@code null}. */
  String title();
}
