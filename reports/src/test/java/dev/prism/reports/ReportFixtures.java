package dev.prism.reports;

import dev.prism.core.MetricKey;
import dev.prism.core.PerturbationDescription;
import dev.prism.core.Stat;
import dev.prism.reports.model.InstanceView;
import dev.prism.reports.model.ReferenceView;
import dev.prism.reports.model.RunReport;
import dev.prism.reports.model.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small hand-built reports shared by the tests. */
public final class ReportFixtures {
  public static final String XSS_COMPLETION = "<script>alert(1)</script>";
  public static final String XSS_PROMPT = "Q: <img src=x onerror=alert(1)> & \"quotes\" 'too'\nA:";

  private ReportFixtures() {}

  /** A stat with one value, keyed by name and split. */
  public static Stat stat(String name, String split, double value) {
    return Stat.of(new MetricKey(name, split, null, null), value);
  }

  /** A stat with one value, keyed by name, split and sub-split. */
  public static Stat stat(String name, String split, String subSplit, double value) {
    return Stat.of(new MetricKey(name, split, subSplit, null), value);
  }

  /** A worst-case robustness stat. */
  public static Stat robustness(String name, String split, double value) {
    return Stat.of(
        new MetricKey(
            name, split, null, new PerturbationDescription("robustness", true, false, "worst")),
        value);
  }

  /** A run with no instances or warnings. */
  public static RunReport run(String scenario, String deployment, String metric, Stat... stats) {
    return new RunReport(
        scenario + ":model=" + deployment,
        scenario,
        "The " + scenario + " scenario.",
        deployment,
        "generation",
        metric,
        List.of(stats),
        List.of(),
        List.of());
  }

  /**
   * A run of {@code scenario} scored by prompt method {@code method}, with one {@code exact_match}
   * value on the test split and no instances.
   */
  public static RunReport scoredBy(
      String scenario, String deployment, String method, double exactMatch) {
    return new RunReport(
        scenario + ":method=" + method + ",model=" + deployment,
        scenario,
        "",
        deployment,
        method,
        "exact_match",
        List.of(stat("exact_match", "test", exactMatch)),
        List.of(),
        List.of());
  }

  /**
   * Two models × two scenarios with instances, warnings, sub-splits, a perturbation and hostile
   * strings everywhere a model or data set can put them.
   */
  public static SuiteReport smallSuite() {
    InstanceView hostile =
        new InstanceView(
            "id1",
            "test",
            null,
            0,
            XSS_PROMPT,
            List.of(new ReferenceView("<b>yes</b>", true), new ReferenceView("no", false)),
            List.of(XSS_COMPLETION),
            false,
            null,
            Map.of("exact_match", 0.0, "num_output_tokens", 7.0));
    InstanceView perturbed =
        new InstanceView(
            "id1",
            "test",
            "typos",
            0,
            "Q: tpyo\nA:",
            List.of(new ReferenceView("yes", true)),
            List.of("yes"),
            true,
            null,
            Map.of("exact_match", 1.0));
    InstanceView failed =
        new InstanceView(
            "id10",
            "test",
            null,
            0,
            "Q: second\nA:",
            List.of(new ReferenceView("42", true)),
            List.of(),
            false,
            "rate limited: <429>",
            Map.of());
    InstanceView second =
        new InstanceView(
            "id2",
            "valid",
            null,
            0,
            "Q: third\nA:",
            List.of(new ReferenceView("x", true)),
            List.of("x"),
            true,
            null,
            Map.of("exact_match", 1.0));
    RunReport alphaQa =
        new RunReport(
            "qa:model=alpha/m1",
            "qa",
            "Question answering <with tags>.",
            "alpha/m1",
            "generation",
            "exact_match",
            List.of(
                stat("exact_match", "test", 0.5),
                stat("exact_match", "valid", 0.9),
                robustness("exact_match", "test", 0.25),
                Stat.empty(new MetricKey("training_energy_cost", "test", null, null)),
                stat("num_instances", "test", 3)),
            List.of(failed, second, perturbed, hostile),
            List.of("1 of 3 requests failed: <429>"));
    RunReport alphaTox =
        run(
            "toxicity",
            "alpha/m1",
            "toxic_frac",
            stat("toxic_frac", "test", "toxic", 0.2),
            stat("toxic_frac", "test", "non-toxic", 0.4));
    RunReport betaQa = run("qa", "beta/m2", "exact_match", stat("exact_match", "test", 0.75));
    RunReport betaTox =
        run(
            "toxicity",
            "beta/m2",
            "toxic_frac",
            stat("toxic_frac", "test", "toxic", 0.1),
            stat("toxic_frac", "test", "non-toxic", 0.1));
    return new SuiteReport("demo <suite>", List.of(betaTox, alphaQa, betaQa, alphaTox));
  }

  /**
   * Models {@code a} (EM 0.75) and {@code b} (EM 0.5) on the same four {@code qa} instances; they
   * disagree on {@code id0} only, so McNemar finds no significant difference.
   */
  public static SuiteReport pairedSuite() {
    double[][] values = {{1, 1, 1, 0}, {0, 1, 1, 0}};
    String[] models = {"a", "b"};
    List<RunReport> runs = new java.util.ArrayList<>();
    for (int m = 0; m < 2; m++) {
      List<InstanceView> instances = new java.util.ArrayList<>();
      double sum = 0;
      for (int i = 0; i < 4; i++) {
        sum += values[m][i];
        instances.add(
            new InstanceView(
                "id" + i,
                "test",
                null,
                0,
                "Q" + i,
                List.of(new ReferenceView("yes", true)),
                List.of(values[m][i] == 1 ? "yes" : "no"),
                false,
                null,
                Map.of("exact_match", values[m][i])));
      }
      runs.add(
          new RunReport(
              "qa:model=" + models[m],
              "qa",
              "QA.",
              models[m],
              "generation",
              "exact_match",
              List.of(stat("exact_match", "test", sum / 4)),
              instances,
              List.of()));
    }
    return new SuiteReport("paired", runs);
  }

  /** An unperturbed, first-trial instance of a {@code qa}-style run with one stat. */
  public static InstanceView instance(
      String id, String prompt, String completion, String metric, double value) {
    return new InstanceView(
        id,
        "test",
        null,
        0,
        prompt,
        List.of(new ReferenceView("<b>yes</b>", true), new ReferenceView("no", false)),
        List.of(completion),
        false,
        null,
        Map.of(metric, value));
  }

  /**
   * Two suites to compare, {@code before} and {@code after <v2>}: {@code qa} on {@code alpha/m1}
   * flips id2 and id3 to correct and id1 to wrong (with hostile prompts and completions, a long
   * prompt and a perturbed copy that is ignored), {@code qa} on {@code beta/m2} is unchanged, a
   * non-0/1 {@code toxicity} run changes a little, two {@code mcq} subjects are paired by subject,
   * and a run only {@code before} has is left out.
   */
  public static SuiteReport[] comparisonSuites() {
    StringBuilder longPrompt = new StringBuilder();
    for (int k = 1; k <= 20; k++) {
      longPrompt.append("Example ").append(k).append(": is water wet?\nA: yes\n\n");
    }
    longPrompt.append("Q: is fire <hot>?\nA:");
    String[] prompts = {
      "Q: zero\nA:", XSS_PROMPT, "Q: two\nA:", longPrompt.toString(), "Q: four\nA:"
    };
    double[][] qa = {{1, 1, 0, 0, 0}, {1, 0, 1, 1, 0}};
    String[][] completions = {
      {"yes", XSS_COMPLETION, "no", "no", "maybe"},
      {"yes", "no", "<img src=x onerror=alert(1)>", "yes", "maybe"}
    };
    SuiteReport[] suites = new SuiteReport[2];
    for (int s = 0; s < 2; s++) {
      List<InstanceView> alpha = new java.util.ArrayList<>();
      List<InstanceView> beta = new java.util.ArrayList<>();
      for (int i = 0; i < prompts.length; i++) {
        alpha.add(instance("id" + i, prompts[i], completions[s][i], "exact_match", qa[s][i]));
        beta.add(instance("id" + i, prompts[i], "yes", "exact_match", 1));
      }
      alpha.add(
          new InstanceView(
              "id0",
              "test",
              "typos",
              0,
              "Q: zreo\nA:",
              List.of(new ReferenceView("yes", true)),
              List.of(s == 0 ? "yes" : "no"),
              false,
              null,
              Map.of("exact_match", s == 0 ? 1.0 : 0.0)));
      List<InstanceView> tox = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tox.add(instance("id" + i, "Say something", "text", "toxicity", 0.1 * i + 0.05 * s));
      }
      List<RunReport> runs = new java.util.ArrayList<>();
      runs.add(qaRun("qa:model=alpha/m1", "qa", "alpha/m1", "exact_match", alpha));
      runs.add(qaRun("qa:model=beta/m2", "qa", "beta/m2", "exact_match", beta));
      runs.add(qaRun("toxicity:model=alpha/m1", "toxicity", "alpha/m1", "toxicity", tox));
      for (String subject : List.of("x", "y")) {
        runs.add(
            qaRun(
                "mcq:subject=" + subject + ",model=alpha/m1",
                "mcq",
                "alpha/m1",
                "exact_match",
                List.of(
                    instance(
                        "id0",
                        "Q: " + subject,
                        "A",
                        "exact_match",
                        subject.equals("y") && s == 1 ? 0 : 1))));
      }
      if (s == 0) {
        runs.add(qaRun("extra:model=alpha/m1", "extra", "alpha/m1", "exact_match", alpha));
      }
      suites[s] = new SuiteReport(s == 0 ? "before" : "after <v2>", runs);
    }
    return suites;
  }

  private static RunReport qaRun(
      String name, String scenario, String model, String metric, List<InstanceView> instances) {
    return new RunReport(
        name,
        scenario,
        "The " + scenario + " scenario.",
        model,
        "generation",
        metric,
        List.of(),
        instances,
        List.of());
  }

  /** {@code shared/reference/<name>} found by walking up from the working directory, if present. */
  public static Optional<Path> sharedReference(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("reference").resolve(name);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
