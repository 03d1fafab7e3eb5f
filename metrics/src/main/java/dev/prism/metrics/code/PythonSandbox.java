package dev.prism.metrics.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs untrusted Python programs (model-written code plus its unit tests) each in its own {@code
 * python3} process, the way HELM's {@code code_metrics_helper.check_correctness} judges them, with
 * more isolation than HELM's in-process {@code exec}:
 *
 * <ul>
 *   <li>a fresh temporary folder per program, the working directory, deleted afterwards; {@code
 *       HOME} and {@code TMPDIR} point into it;
 *   <li>an environment stripped to {@code PATH=/usr/bin:/bin}, {@code HOME}, {@code TMPDIR}, {@code
 *       LANG}, {@code OMP_NUM_THREADS=1}; Python in isolated mode ({@code -I}: no {@code PYTHON*}
 *       variables, no user site-packages, no script folder on {@code sys.path});
 *   <li>no stdin (closed at once), stdout and stderr to files whose size the file-size limit caps;
 *   <li>resource limits set by {@code prlimit} when it is on {@code PATH}, else by {@code ulimit}
 *       in a {@code /bin/sh -c} wrapper: address space, CPU seconds, file size, open files, no core
 *       dumps, and processes (so {@code fork} and threads fail, except for root, whom Linux
 *       exempts);
 *   <li>a small driver compiles the program, starts HELM's timer ({@code setitimer}, 3 s by
 *       default) and {@code exec}s it with empty globals as HELM does; it reports the verdict on a
 *       private copy of stdout, so a program that calls {@code os._exit(0)} or prints "passed" does
 *       not pass; at the time limit plus one second (HELM's {@code join(timeout + 1)}) the process
 *       and every descendant still attached to it are killed.
 * </ul>
 *
 * <p>It is not a security boundary: the program runs as the same user as Prism, can read and write
 * every file that user can (outside its folder too), can use the network, and a daemon that
 * detaches from the process tree before the kill survives it. Run untrusted code inside a container
 * or VM without network when that matters.
 *
 * <p>Immutable and thread-safe; {@link #runAll} runs up to {@link Limits#parallelism()} programs at
 * once.
 */
public final class PythonSandbox {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAFE_PATH = "/usr/bin:/bin";
  private static final long PROBE_SECONDS = 30;

  /**
   * Compiles, times and runs the program named by {@code argv[1]} with the time limit {@code
   * argv[2]} (seconds); writes one JSON verdict line to the stdout it started with, after pointing
   * fd 1 at stderr so that the program's prints cannot forge it.
   */
  static final String DRIVER =
      """
      import json, os, signal, sys
      verdict = os.fdopen(os.dup(1), "w", encoding="utf-8")
      os.dup2(2, 1)
      class Timeout(BaseException):
          pass
      def alarm(signum, frame):
          raise Timeout()
      def text(e):
          try:
              return str(e)
          except BaseException:
              return ""
      def report(status, kind="", message=""):
          for stream in (sys.stdout, sys.stderr):
              try:
                  stream.flush()
              except BaseException:
                  pass
          verdict.write(json.dumps({"status": status, "kind": kind, "message": message}) + "\\n")
          verdict.flush()
          os._exit(0)
      with open(sys.argv[1], encoding="utf-8") as f:
          source = f.read()
      try:
          code = compile(source, "program.py", "exec")
      except (SyntaxError, ValueError) as e:
          report("error", type(e).__name__, text(e))
      signal.signal(signal.SIGALRM, alarm)
      signal.setitimer(signal.ITIMER_REAL, float(sys.argv[2]))
      try:
          exec(code, {})
          signal.setitimer(signal.ITIMER_REAL, 0)
      except Timeout:
          report("timeout")
      except BaseException as e:
          signal.setitimer(signal.ITIMER_REAL, 0)
          report("failed", type(e).__name__, text(e))
      report("passed")
      """;

  /**
   * How programs are limited.
   *
   * @param timeout time a program may run (HELM's 3 s); killed one second later if it has not
   *     stopped
   * @param memoryBytes address-space limit
   * @param fileBytes largest file a program may write (its output included)
   * @param openFiles open file descriptors
   * @param processes the user's process limit inside the sandbox (1: no fork, no threads)
   * @param keptOutputBytes how much of a program's output {@link Execution#output()} keeps
   * @param parallelism programs run at once by {@link #runAll}
   */
  public record Limits(
      Duration timeout,
      long memoryBytes,
      long fileBytes,
      int openFiles,
      int processes,
      int keptOutputBytes,
      int parallelism) {
    public Limits {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      if (memoryBytes < 1 || fileBytes < 1 || openFiles < 1 || processes < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
      if (keptOutputBytes < 0 || parallelism < 1) {
        throw new IllegalArgumentException("keptOutputBytes >= 0 and parallelism >= 1");
      }
    }

    /**
     * HELM's 3 s per program; 2 GiB of address space, 16 MiB files, 64 descriptors, no new
     * processes; one program per available processor.
     */
    public static Limits defaults() {
      return new Limits(
          Duration.ofSeconds(3),
          2L << 30,
          16L << 20,
          64,
          1,
          4096,
          Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public Limits withTimeout(Duration newTimeout) {
      return new Limits(
          newTimeout, memoryBytes, fileBytes, openFiles, processes, keptOutputBytes, parallelism);
    }

    public Limits withParallelism(int newParallelism) {
      return new Limits(
          timeout, memoryBytes, fileBytes, openFiles, processes, keptOutputBytes, newParallelism);
    }
  }

  /**
   * A working sandbox, or why there is none.
   *
   * @param sandbox the sandbox; {@code null} when unavailable
   * @param problem one sentence saying why it is unavailable; {@code null} when available
   */
  public record Availability(PythonSandbox sandbox, String problem) {
    /** The sandbox. */
    public Optional<PythonSandbox> get() {
      return Optional.ofNullable(sandbox);
    }
  }

  private final Path python;
  private final Path prlimit;
  private final Limits limits;
  private final List<String> wrapper;

  /**
   * @param prlimit the {@code prlimit} command, or {@code null} to set limits with {@code /bin/sh}
   */
  private PythonSandbox(Path python, Path prlimit, Limits limits) {
    this.python = python;
    this.prlimit = prlimit;
    this.limits = limits;
    this.wrapper = prlimit != null ? prlimitWrapper(prlimit, limits) : shellWrapper(limits);
  }

  /** The sandbox on this machine's {@code PATH} with default limits, found once per JVM. */
  public static Availability shared() {
    return Shared.AVAILABILITY;
  }

  private static final class Shared {
    static final Availability AVAILABILITY =
        detect(Objects.requireNonNullElse(System.getenv("PATH"), ""), Limits.defaults());
  }

  /**
   * Finds {@code python3} (and {@code prlimit}) on {@code searchPath}, resolves the interpreter's
   * real path (so that version-manager shims work without their environment variables), and runs a
   * trivial program through the sandbox to prove that it works.
   *
   * @param searchPath a {@code PATH}-style list of folders
   */
  public static Availability detect(String searchPath, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    Optional<Path> found = onPath(searchPath, "python3");
    if (found.isEmpty()) {
      return new Availability(
          null, "python3 was not found on PATH; install Python 3 to run generated code");
    }
    Path python;
    try {
      python = realInterpreter(found.get());
    } catch (IOException e) {
      return new Availability(
          null, "python3 (" + found.get() + ") could not be started: " + e.getMessage());
    }
    Optional<Path> prlimit = onPath(searchPath, "prlimit");
    if (prlimit.isEmpty() && !Files.isExecutable(Path.of("/bin/sh"))) {
      return new Availability(
          null, "neither prlimit nor /bin/sh is available to limit generated programs");
    }
    PythonSandbox sandbox = new PythonSandbox(python, prlimit.orElse(null), limits);
    Execution check = sandbox.run("assert 1 + 1 == 2\n");
    if (!check.passed()) {
      return new Availability(
          null,
          "the Python sandbox ("
              + python
              + ") could not run a trivial program: "
              + check.status()
              + " "
              + check.errorKind()
              + " "
              + check.message()
              + " "
              + check.output().strip());
    }
    return new Availability(sandbox, null);
  }

  /** The limits programs run under. */
  public Limits limits() {
    return limits;
  }

  /** The same interpreter and limit mechanism with other limits. */
  public PythonSandbox withLimits(Limits newLimits) {
    return new PythonSandbox(python, prlimit, Objects.requireNonNull(newLimits, "newLimits"));
  }

  /** The interpreter programs run with. */
  public Path python() {
    return python;
  }

  /**
   * Runs every program, up to {@link Limits#parallelism()} at once.
   *
   * @return one result per program, in order
   */
  public List<Execution> runAll(List<String> programs) {
    int threads = Math.min(limits.parallelism(), programs.size());
    if (threads <= 1) {
      return programs.stream().map(this::run).toList();
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "prism-code-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Execution>> futures = new ArrayList<>(programs.size());
      for (String program : programs) {
        futures.add(pool.submit(() -> run(program)));
      }
      List<Execution> results = new ArrayList<>(programs.size());
      for (Future<Execution> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running generated programs", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow(); // interrupts the waits, whose processes are then killed
    }
  }

  /** Runs one program (Python source) to a verdict. Never throws for what the program does. */
  public Execution run(String program) {
    Path root;
    try {
      root = Files.createTempDirectory("prism-code-");
    } catch (IOException e) {
      return sandboxError("cannot create a temporary folder: " + e.getMessage());
    }
    try {
      return runIn(root, program);
    } finally {
      deleteTree(root);
    }
  }

  private Execution runIn(Path root, String program) {
    Path verdict = root.resolve("verdict.json");
    Path output = root.resolve("output.txt");
    Process process;
    try {
      Path work = Files.createDirectory(root.resolve("work"));
      Path source = root.resolve("program.py");
      Files.writeString(source, program, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(wrapper);
      command.addAll(
          List.of(
              python.toString(),
              "-I",
              "-B",
              "-c",
              DRIVER,
              source.toString(),
              Double.toString(limits.timeout().toMillis() / 1000.0)));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectOutput(verdict.toFile())
              .redirectError(output.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", SAFE_PATH);
      env.put("HOME", work.toString());
      env.put("TMPDIR", work.toString());
      env.put("LANG", "C.UTF-8");
      env.put("OMP_NUM_THREADS", "1");
      process = builder.start();
    } catch (IOException e) {
      return sandboxError("cannot start " + python + ": " + e.getMessage());
    }
    boolean exited;
    try {
      process.getOutputStream().close(); // no stdin
      exited = process.waitFor(limits.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      exited = false;
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      return sandboxError("interrupted");
    }
    if (!exited) {
      killTree(process);
    }
    String printed = head(output, limits.keptOutputBytes());
    Optional<JsonNode> line = verdictLine(verdict);
    if (line.isPresent()) { // as HELM, a verdict given before a hang counts
      return fromVerdict(line.get(), printed);
    }
    if (!exited) {
      return new Execution(
          Execution.Status.TIMEOUT,
          "",
          "killed after " + (limits.timeout().toMillis() + 1000) + " ms",
          printed);
    }
    return withoutVerdict(process.exitValue(), printed);
  }

  private static Execution fromVerdict(JsonNode line, String printed) {
    String kind = line.path("kind").asText("");
    String message = line.path("message").asText("");
    return switch (line.path("status").asText("")) {
      case "passed" -> new Execution(Execution.Status.PASSED, "", "", printed);
      case "timeout" -> new Execution(Execution.Status.TIMEOUT, "", "", printed);
      case "failed" -> new Execution(Execution.Status.FAILED, kind, message, printed);
      default -> new Execution(Execution.Status.ERROR, kind, message, printed);
    };
  }

  /** Linux reports a process killed by signal {@code s} as exit status {@code 128 + s}. */
  private static Execution withoutVerdict(int status, String printed) {
    if (status > 128) {
      int signal = status - 128;
      String kind =
          switch (signal) {
            case 24 -> "cpu_limit"; // SIGXCPU
            case 25 -> "output_limit"; // SIGXFSZ
            default -> "killed";
          };
      return new Execution(
          Execution.Status.ERROR,
          kind,
          "killed by signal " + signal + " before a verdict",
          printed);
    }
    return new Execution(
        Execution.Status.ERROR,
        "no_verdict",
        "exited with status " + status + " before the tests finished",
        printed);
  }

  private static Execution sandboxError(String message) {
    return new Execution(Execution.Status.ERROR, "sandbox", message, "");
  }

  private static Optional<JsonNode> verdictLine(Path verdict) {
    try {
      String text = head(verdict, 1 << 16).strip();
      if (text.isEmpty()) {
        return Optional.empty();
      }
      JsonNode node = JSON.readTree(text.lines().findFirst().orElse(""));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Kills the process and every descendant still attached to it (listed before the kill). */
  private static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The first {@code limit} bytes of {@code file} as UTF-8 text; empty when unreadable. */
  private static String head(Path file, int limit) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Best effort: a program may have made files read-only, so folders are made writable first. */
  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        File f = p.toFile();
        File parent = f.getParentFile();
        if (parent != null) {
          parent.setWritable(true, true);
        }
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      // A leftover temporary folder is harmless; the verdict stands.
    }
  }

  private static Optional<Path> onPath(String searchPath, String name) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code sys.executable} as the command on {@code PATH} reports it, with Prism's environment. */
  private static Path realInterpreter(Path command) throws IOException {
    Process p =
        new ProcessBuilder(command.toString(), "-c", "import sys; print(sys.executable)")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    try {
      String out = new String(p.getInputStream().readNBytes(1 << 16), StandardCharsets.UTF_8);
      if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("no answer within " + PROBE_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("exit status " + p.exitValue() + ": " + out.strip());
      }
      String executable = out.strip();
      Path real = executable.isEmpty() ? command : Path.of(executable);
      return real.isAbsolute() && Files.isExecutable(real) ? real : command;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static List<String> prlimitWrapper(Path prlimit, Limits limits) {
    return List.of(
        prlimit.toString(),
        "--as=" + limits.memoryBytes(),
        "--cpu=" + cpuSeconds(limits),
        "--fsize=" + limits.fileBytes(),
        "--nofile=" + limits.openFiles(),
        "--nproc=" + limits.processes(),
        "--core=0",
        "--");
  }

  /**
   * {@code ulimit} as POSIX sh knows it: {@code -v} in KiB, {@code -f} in 512-byte blocks (bash
   * counts KiB there, which only doubles the cap); processes are {@code -u} in bash, {@code -p} in
   * dash.
   */
  private static List<String> shellWrapper(Limits limits) {
    String script =
        "ulimit -v "
            + Math.max(1, limits.memoryBytes() / 1024)
            + " && ulimit -t "
            + cpuSeconds(limits)
            + " && ulimit -f "
            + Math.max(1, limits.fileBytes() / 512)
            + " && ulimit -n "
            + limits.openFiles()
            + " && ulimit -c 0 && { ulimit -u "
            + limits.processes()
            + " 2>/dev/null || ulimit -p "
            + limits.processes()
            + " 2>/dev/null || true; } && exec \"$@\"";
    return List.of("/bin/sh", "-c", script, "prism-sandbox");
  }

  /**
   * The CPU-time backstop: the time limit rounded up, plus two seconds, so that a single-threaded
   * program always meets the wall-clock kill (time limit plus one second) first.
   */
  private static long cpuSeconds(Limits limits) {
    return (limits.timeout().toMillis() + 999) / 1000 + 2;
  }
}
