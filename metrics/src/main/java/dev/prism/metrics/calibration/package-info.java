/**
 * The calibration family (helm-notes §2.2): {@link dev.prism.metrics.calibration.MaxProb} per
 * instance and {@link dev.prism.metrics.calibration.CalibrationMetric} over the instances of a
 * (train trial, context): equal-mass ECE, selective accuracy and Platt scaling with our own
 * logistic-regression fit.
 */
package dev.prism.metrics.calibration;
