/**
 * HELM's core scenarios, read from the files HELM downloads ({@code helm/…}).
 *
 * <p>Each scenario implements {@link dev.prism.scenarios.helm.DataRequirements}: it lists the files
 * it needs under {@code <dataDir>/<dataName>/}, with the source URL HELM uses, so that {@code prism
 * download <name>} can fetch them. The readers build {@link dev.prism.core.Instance}s exactly as
 * HELM's scenario classes do (order, splits, texts, references, {@code correct} tags, seeded
 * choices), so ids {@code id0…} and every later seeded step agree with HELM.
 */
package dev.prism.scenarios.helm;
