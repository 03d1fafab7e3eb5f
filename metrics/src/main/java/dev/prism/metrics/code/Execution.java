package dev.prism.metrics.code;

import java.util.Objects;

/**
 * What running one program in the {@link PythonSandbox} gave.
 *
 * @param status the verdict
 * @param errorKind for {@link Status#FAILED} and {@link Status#ERROR}: the Python exception's class
 *     name ({@code AssertionError}, {@code SyntaxError}, {@code MemoryError}, …) or the sandbox's
 *     reason ({@code output_limit}, {@code killed}, {@code no_verdict}, {@code sandbox}); empty
 *     otherwise
 * @param message the exception's message or a sentence about the failure, at most {@value
 *     #MAX_MESSAGE} characters; empty when there is none
 * @param output the start of what the program printed (stdout and stderr together), at most {@link
 *     PythonSandbox.Limits#keptOutputBytes()} bytes decoded as UTF-8
 */
public record Execution(Status status, String errorKind, String message, String output) {
  /** Longest {@link #message()} kept. */
  public static final int MAX_MESSAGE = 500;

  /** The verdict on one program. */
  public enum Status {
    /** The program ran to its end: every test passed. */
    PASSED,
    /** The program raised an exception (a failed assertion, a wrong call, {@code sys.exit}). */
    FAILED,
    /** The program ran past the time limit and was stopped. */
    TIMEOUT,
    /**
     * No verdict: the program did not compile, was killed by a resource limit, exited without
     * returning to the driver, or could not be started.
     */
    ERROR
  }

  public Execution {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(errorKind, "errorKind");
    Objects.requireNonNull(output, "output");
    message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
  }

  /** Whether every test passed. */
  public boolean passed() {
    return status == Status.PASSED;
  }
}
