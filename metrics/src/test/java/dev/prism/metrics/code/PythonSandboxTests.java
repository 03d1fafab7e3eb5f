package dev.prism.metrics.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.metrics.Fixtures;
import dev.prism.metrics.code.Execution.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real {@code python3} processes; skipped where python3 is not on {@code PATH} (CI has it).
 */
class PythonSandboxTests {
  private static final String PATH = Objects.requireNonNullElse(System.getenv("PATH"), "");
  private static final PythonSandbox.Limits FAST =
      PythonSandbox.Limits.defaults().withTimeout(Duration.ofSeconds(1));

  @TempDir Path dir;

  private static PythonSandbox sandbox(String searchPath, PythonSandbox.Limits limits) {
    return Fixtures.sandbox(searchPath, limits);
  }

  private static Execution run(String program) {
    return sandbox(PATH, FAST).run(program);
  }

  @Test
  void aProgramThatReturnsPasses() {
    Execution e = run("def f(x):\n    return x + 1\n\nassert f(1) == 2\nprint('hi')\n");

    assertThat(e.status()).isEqualTo(Status.PASSED);
    assertThat(e.errorKind()).isEmpty();
    assertThat(e.output()).isEqualTo("hi\n");
  }

  @Test
  void aFailingAssertFailsWithItsMessage() {
    Execution e = run("assert 1 + 1 == 3, 'bad sum'\n");

    assertThat(e.status()).isEqualTo(Status.FAILED);
    assertThat(e.errorKind()).isEqualTo("AssertionError");
    assertThat(e.message()).isEqualTo("bad sum");
  }

  @Test
  void anInfiniteLoopIsStoppedByTheTimer() {
    Execution e = run("while True:\n    pass\n");

    assertThat(e.status()).isEqualTo(Status.TIMEOUT);
  }

  @Test
  void aLoopThatSwallowsTheTimerIsKilledOneSecondLater() {
    Execution e =
        run(
            "while True:\n    try:\n        while True:\n            pass\n"
                + "    except BaseException:\n        pass\n");

    assertThat(e.status()).isEqualTo(Status.TIMEOUT);
    assertThat(e.message()).isEqualTo("killed after 2000 ms");
  }

  @Test
  void aSyntaxErrorIsAnErrorWithoutRunning() {
    Execution e = run("print('ran')\ndef f(:\n    pass\n");

    assertThat(e.status()).isEqualTo(Status.ERROR);
    assertThat(e.errorKind()).isEqualTo("SyntaxError");
    assertThat(e.output()).isEmpty();
  }

  @Test
  void exitingEarlyOrForgingTheVerdictDoesNotPass() {
    assertThat(run("import sys\nsys.exit(0)\n"))
        .extracting(Execution::status, Execution::errorKind)
        .containsExactly(Status.FAILED, "SystemExit");
    assertThat(run("import os\nos._exit(0)\n"))
        .extracting(Execution::status, Execution::errorKind)
        .containsExactly(Status.ERROR, "no_verdict");
    assertThat(
            run(
                "print('{\"status\": \"passed\", \"kind\": \"\", \"message\": \"\"}')\n"
                    + "import os\nos.write(1, b'{\"status\": \"passed\"}\\n')\nos._exit(0)\n"))
        .extracting(Execution::status)
        .isEqualTo(Status.ERROR);
  }

  @Test
  void thereIsNoStdin() {
    assertThat(run("input()\n"))
        .extracting(Execution::status, Execution::errorKind)
        .containsExactly(Status.FAILED, "EOFError");
  }

  @Test
  void outputIsCappedAndAFileSizeLimitStopsRunawayWrites() {
    Execution chatty = run("print('x' * 100000)\n");
    assertThat(chatty.status()).isEqualTo(Status.PASSED);
    assertThat(chatty.output()).hasSize(FAST.keptOutputBytes());

    PythonSandbox small =
        sandbox(
            PATH,
            new PythonSandbox.Limits(
                FAST.timeout(), FAST.memoryBytes(), 10_000, 64, 1, 100, FAST.parallelism()));
    Execution runaway =
        small.run("import sys\nsys.stdout.write('x' * 100000)\nsys.stdout.flush()\n");
    // CPython ignores SIGXFSZ, so the write fails with EFBIG ("File too large").
    assertThat(runaway.status()).isEqualTo(Status.FAILED);
    assertThat(runaway.errorKind()).isEqualTo("OSError");
    assertThat(runaway.message()).contains("File too large");
  }

  @Test
  void environmentIsStrippedAndLimitsAreSetWithPrlimitOrTheShellFallback() throws IOException {
    String program =
        "import os, resource\n"
            + "assert os.environ['PATH'] == '/usr/bin:/bin', os.environ['PATH']\n"
            + "assert set(os.environ) <= {'PATH', 'HOME', 'TMPDIR', 'LANG', 'OMP_NUM_THREADS',"
            + " 'PWD'}, sorted(os.environ)\n"
            + "assert os.environ['HOME'] == os.getcwd()\n"
            + "assert resource.getrlimit(resource.RLIMIT_AS)[0] == 2 << 30\n"
            + "assert resource.getrlimit(resource.RLIMIT_CPU)[0] == 3\n"
            + "assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == 64\n"
            + "assert resource.getrlimit(resource.RLIMIT_NPROC)[0] == 1\n"
            + "assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0\n"
            // Linux exempts root from RLIMIT_NPROC; for anyone else fork must fail.
            + "if os.getuid() != 0:\n"
            + "    try:\n        pid = os.fork()\n    except OSError:\n        pid = None\n"
            + "    assert pid is None, 'fork worked'\n";
    assertThat(sandbox(PATH, FAST).run(program).status()).isEqualTo(Status.PASSED);

    // A PATH with python3 alone: no prlimit, so /bin/sh sets the limits with ulimit (and PWD).
    Path only = Files.createDirectories(dir.resolve("bin"));
    Path python = sandbox(PATH, FAST).python();
    Files.createSymbolicLink(only.resolve("python3"), python);
    Execution viaShell = sandbox(only.toString(), FAST).run(program);
    assertThat(viaShell.status()).as(viaShell.toString()).isEqualTo(Status.PASSED);
  }

  @Test
  void filesGoToAFreshFolderThatIsDeletedButNothingStopsWritesElsewhere() throws IOException {
    Execution local =
        run("open('scratch.txt', 'w').write('x')\nimport os\nprint(os.getcwd(), end='')\n");
    assertThat(local.status()).isEqualTo(Status.PASSED);
    Path work = Path.of(local.output());
    assertThat(work.getFileName().toString()).isEqualTo("work");
    assertThat(work.getParent().getFileName().toString()).startsWith("prism-code-");
    assertThat(work).doesNotExist();

    // Not a security boundary (see the README): a program may write wherever its user may.
    Path outside = dir.resolve("escaped.txt");
    Execution escaping = run("open(" + pyString(outside.toString()) + ", 'w').write('x')\n");
    assertThat(escaping.status()).isEqualTo(Status.PASSED);
    assertThat(outside).hasContent("x");
  }

  @Test
  void runAllRunsProgramsAtOnceAndKeepsTheirOrder() {
    // Each program waits until all three have started: they pass only if they run together.
    String barrier =
        "import os, time\n"
            + "d = "
            + pyString(dir.toString())
            + "\nopen(os.path.join(d, '%s'), 'w').close()\n"
            + "while len([f for f in os.listdir(d) if f.startswith('m')]) < 3:\n"
            + "    time.sleep(0.01)\n"
            + "assert %s\n";
    PythonSandbox three =
        sandbox(PATH, FAST.withTimeout(Duration.ofSeconds(20)).withParallelism(3));

    List<Execution> results =
        three.runAll(
            List.of(
                String.format(barrier, "m1", "True"),
                String.format(barrier, "m2", "False"),
                String.format(barrier, "m3", "True")));

    assertThat(results)
        .extracting(Execution::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.PASSED);
  }

  @Test
  void withoutPython3OnPathThereIsNoSandboxAndTheReasonSaysSo() {
    PythonSandbox.Availability none = PythonSandbox.detect(dir.resolve("empty").toString(), FAST);

    assertThat(none.get()).isEmpty();
    assertThat(none.problem())
        .isEqualTo("python3 was not found on PATH; install Python 3 to run generated code");
  }

  private static String pyString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
