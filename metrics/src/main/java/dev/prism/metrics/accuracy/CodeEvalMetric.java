package dev.prism.metrics.accuracy;

import dev.prism.core.Completion;
import dev.prism.core.Metric;
import dev.prism.core.PrismUserException;
import dev.prism.core.Reference;
import dev.prism.core.RequestOutcome;
import dev.prism.core.Stat;
import dev.prism.metrics.Annotating;
import dev.prism.metrics.NamedStats;
import dev.prism.metrics.ParameterizedMetric;
import dev.prism.metrics.Prefetching;
import dev.prism.metrics.Skippable;
import dev.prism.metrics.code.Execution;
import dev.prism.metrics.code.PythonSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code code_eval}: HELM's {@code code_eval_acc} and {@code pass} stats for code scenarios
 * (HumanEval), computed by running each completion against its problem's unit tests in the {@link
 * PythonSandbox}.
 *
 * <p>Per request, as HELM's {@code compute_reference_metrics}: golds are the correct references
 * that carry {@link Reference#testCases()} (none: no stat); preds are the completions, stripped,
 * most likely first (a failed request counts as one empty completion, which fails without running).
 * For each (gold, pred) the program {@code prompt + " " + pred + "\n" + test + "\n" + "check(" +
 * entry_point + ")"} (HELM's, the 4 spaces re-indenting the stripped first line) is run with HELM's
 * 3-second limit; it scores 1 when it passes.
 *
 * <ul>
 *   <li>{@code code_eval_acc}: max over golds of the first pred's score; with k = the request's
 *       number of completions ≠ 1 also {@code code_eval_acc@k}, the max over golds and preds;
 *   <li>{@code pass}: {@link PassAtK#estimate}(n, c, 1) with n = golds × preds programs, c of them
 *       passing; with k ≠ 1 also {@code pass@k} = {@link PassAtK#estimate}(n, c, k).
 * </ul>
 *
 * <p>Arguments ({@code code_eval:timeout=10,parallelism=4}): {@code timeout}, seconds per program
 * (HELM's 3), and {@code parallelism}, programs run at once (default: one per processor). As
 * HELM's, the metric is configured by the code run specs only: the family name {@code accuracy}
 * does not select it.
 *
 * <p>Without a working {@code python3} the metric is skipped for the run with the reason (never a
 * silent 0). As {@link Prefetching} it runs every distinct program of a run once, in parallel up to
 * the sandbox's bound, before the stats are read. Immutable and thread-safe.
 */
public final class CodeEvalMetric
    implements Metric, Prefetching, NamedStats, ParameterizedMetric, Skippable, Annotating {
  static final String ID = "code_eval";
  private static final List<String> STAT_NAMES = List.of("code_eval_acc", "pass");
  private static final String USAGE =
      "Use code_eval, or code_eval:timeout=SECONDS,parallelism=N (both optional)";

  private final String id;
  private final Supplier<PythonSandbox.Availability> sandbox;
  private final Map<RequestOutcome, List<Execution>> prepared;

  /**
   * Called by {@link java.util.ServiceLoader}: the machine's {@code python3}, found on first use.
   */
  public CodeEvalMetric() {
    this(PythonSandbox::shared);
  }

  /** A metric running programs in {@code sandbox} (or skipped for its problem). */
  public CodeEvalMetric(Supplier<PythonSandbox.Availability> sandbox) {
    this(ID, sandbox, Map.of());
  }

  private CodeEvalMetric(
      String id,
      Supplier<PythonSandbox.Availability> sandbox,
      Map<RequestOutcome, List<Execution>> prepared) {
    this.id = id;
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.prepared = prepared;
  }

  /** {@code code_eval}, or with arguments {@code code_eval:timeout=…,parallelism=…}. */
  @Override
  public String id() {
    return id;
  }

  @Override
  public String family() {
    return "accuracy";
  }

  @Override
  public List<String> statNames() {
    return STAT_NAMES;
  }

  /**
   * @throws PrismUserException for unknown arguments or values that are not positive numbers
   */
  @Override
  public Metric withArguments(Map<String, String> arguments) {
    Map<String, String> args = new LinkedHashMap<>(arguments);
    String timeout = args.remove("timeout");
    String parallelism = args.remove("parallelism");
    if (!args.isEmpty()) {
      throw new PrismUserException("unknown code_eval argument(s) " + args.keySet(), USAGE);
    }
    PythonSandbox.Limits limits = PythonSandbox.Limits.defaults();
    List<String> given = new ArrayList<>();
    if (timeout != null) {
      double seconds = positive("timeout", timeout);
      limits = limits.withTimeout(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
      given.add("timeout=" + timeout);
    }
    if (parallelism != null) {
      double n = positive("parallelism", parallelism);
      if (n != Math.rint(n) || n > 1024) {
        throw new PrismUserException(
            "code_eval: parallelism must be a whole number from 1 to 1024, not '"
                + parallelism
                + "'",
            USAGE);
      }
      limits = limits.withParallelism((int) n);
      given.add("parallelism=" + parallelism);
    }
    PythonSandbox.Limits chosen = limits;
    return new CodeEvalMetric(
        given.isEmpty() ? ID : ID + ":" + String.join(",", given),
        () -> {
          PythonSandbox.Availability base = sandbox.get();
          return base.get()
              .map(s -> new PythonSandbox.Availability(s.withLimits(chosen), null))
              .orElse(base);
        },
        Map.of());
  }

  private static double positive(String key, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      v = -1;
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new PrismUserException(
          "code_eval: " + key + " must be a positive number, not '" + value + "'", USAGE);
    }
    return v;
  }

  /** None: HELM adds the code metrics in the code run specs only, never by family. */
  @Override
  public List<Metric> defaultVariants() {
    return List.of();
  }

  @Override
  public Optional<String> skipReason() {
    return Optional.ofNullable(sandbox.get().problem());
  }

  /** Runs every distinct program of {@code outcomes} at once. */
  @Override
  public Metric prefetch(List<RequestOutcome> outcomes) {
    Optional<PythonSandbox> box = sandbox.get().get();
    if (box.isEmpty()) {
      return this;
    }
    Map<String, Integer> distinct = new LinkedHashMap<>();
    Map<RequestOutcome, List<String>> programsOf = new IdentityHashMap<>();
    for (RequestOutcome outcome : outcomes) {
      List<String> programs = programs(outcome);
      programsOf.put(outcome, programs);
      for (String program : programs) {
        if (program != null) {
          distinct.putIfAbsent(program, distinct.size());
        }
      }
    }
    List<Execution> results = box.get().runAll(List.copyOf(distinct.keySet()));
    Map<RequestOutcome, List<Execution>> done = new IdentityHashMap<>();
    programsOf.forEach(
        (outcome, programs) -> {
          List<Execution> executions = new ArrayList<>(programs.size());
          for (String program : programs) {
            executions.add(program == null ? null : results.get(distinct.get(program)));
          }
          done.put(outcome, executions);
        });
    return new CodeEvalMetric(id, sandbox, done);
  }

  @Override
  public List<Stat> evaluate(RequestOutcome outcome) {
    List<Reference> golds = golds(outcome);
    if (golds.isEmpty()) {
      return List.of();
    }
    List<Execution> executions = prepared.get(outcome);
    if (executions == null) {
      executions = run(programs(outcome));
      if (executions == null) {
        return List.of(); // no sandbox: skipReason() says why
      }
    }
    int numPreds = executions.size() / golds.size();
    double first = 0;
    double any = 0;
    int passed = 0;
    for (int g = 0; g < golds.size(); g++) {
      for (int p = 0; p < numPreds; p++) {
        Execution e = executions.get(g * numPreds + p);
        double score = e != null && e.passed() ? 1 : 0;
        passed += (int) score;
        any = Math.max(any, score);
        if (p == 0) {
          first = Math.max(first, score);
        }
      }
    }
    int n = executions.size();
    int k = outcome.state().request().numCompletions();
    List<Stat> stats = new ArrayList<>(4);
    stats.add(Stat.of("code_eval_acc", first));
    if (k != 1) {
      stats.add(Stat.of("code_eval_acc@" + k, any));
    }
    stats.add(Stat.of("pass", PassAtK.estimate(n, passed, 1)));
    if (k != 1) {
      stats.add(Stat.of("pass@" + k, PassAtK.estimate(n, passed, k)));
    }
    return stats;
  }

  /**
   * Each completion's verdict, in completion order, from the programs {@link #prefetch} ran: {@code
   * passed}, {@code failed: <exception>: <message>}, {@code timed out} or {@code error: <reason>:
   * <message>}, the message cut to its last {@value #MESSAGE_TAIL} characters; with several
   * references carrying tests, one verdict per reference, joined with "; ". Empty for an outcome
   * the metric did not run.
   */
  @Override
  public List<String> annotations(RequestOutcome outcome) {
    List<Execution> executions = prepared.get(outcome);
    List<Reference> golds = golds(outcome);
    List<Completion> completions = outcome.result().completions();
    if (executions == null || golds.isEmpty() || completions.isEmpty()) {
      return List.of();
    }
    // programs() pairs each gold with the predictions most likely first; map back to the order
    // the completions were returned (and are shown) in.
    List<Integer> order = ReferenceMatchMetric.mostLikelyFirst(completions);
    String[] notes = new String[completions.size()];
    for (int p = 0; p < order.size(); p++) {
      List<String> perGold = new ArrayList<>(golds.size());
      for (int g = 0; g < golds.size(); g++) {
        String verdict = verdict(executions.get(g * order.size() + p));
        perGold.add(golds.size() == 1 ? verdict : "reference " + (g + 1) + ": " + verdict);
      }
      notes[order.get(p)] = String.join("; ", perGold);
    }
    return List.of(notes);
  }

  /** Longest message tail a verdict keeps. */
  static final int MESSAGE_TAIL = 200;

  static String verdict(Execution e) {
    if (e == null) {
      return "failed: empty prediction (not run)";
    }
    String detail =
        Stream.of(e.errorKind(), tail(e.message()))
            .filter(x -> !x.isEmpty())
            .collect(Collectors.joining(": "));
    return switch (e.status()) {
      case PASSED -> "passed";
      case TIMEOUT -> "timed out";
      case FAILED -> detail.isEmpty() ? "failed" : "failed: " + detail;
      case ERROR -> detail.isEmpty() ? "error" : "error: " + detail;
    };
  }

  private static String tail(String message) {
    String m = message.strip();
    return m.length() <= MESSAGE_TAIL ? m : "\u2026" + m.substring(m.length() - MESSAGE_TAIL);
  }

  /** The executions of these programs, or {@code null} without a sandbox. */
  private List<Execution> run(List<String> programs) {
    Optional<PythonSandbox> box = sandbox.get().get();
    if (box.isEmpty()) {
      return null;
    }
    List<String> runnable = programs.stream().filter(Objects::nonNull).toList();
    List<Execution> results = box.get().runAll(runnable);
    List<Execution> executions = new ArrayList<>(programs.size());
    int next = 0;
    for (String program : programs) {
      executions.add(program == null ? null : results.get(next++));
    }
    return executions;
  }

  /**
   * The program of each (gold, pred) pair, gold-major; {@code null} for an empty prediction (a
   * failed request), which fails without running.
   */
  static List<String> programs(RequestOutcome outcome) {
    List<Reference> golds = golds(outcome);
    if (golds.isEmpty()) {
      return List.of();
    }
    List<String> preds = ReferenceMatchMetric.predictions(outcome);
    List<String> programs = new ArrayList<>(golds.size() * preds.size());
    for (Reference gold : golds) {
      for (String pred : preds) {
        programs.add(pred == null ? null : program(gold.testCases(), pred));
      }
    }
    return programs;
  }

  /** HELM's {@code check_program}; a missing field is empty (the program then fails). */
  static String program(Map<String, String> problem, String completion) {
    return problem.getOrDefault("prompt", "")
        + "    "
        + completion
        + "\n"
        + problem.getOrDefault("test", "")
        + "\n"
        + "check("
        + problem.getOrDefault("entry_point", "")
        + ")";
  }

  private static List<Reference> golds(RequestOutcome outcome) {
    if (outcome.state().referenceIndex() != null) {
      return List.of();
    }
    return outcome.state().instance().correctReferences().stream()
        .filter(r -> !r.testCases().isEmpty())
        .toList();
  }
}
