package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import picocli.CommandLine.Option;

/** How a process takes part in the work queue. */
final class WorkOptions {
  @Option(
      names = "--lease",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long a claimed request stays with this process without renewal; requests of a"
              + " process that dies go back to the queue after this (at once for a dead process"
              + " on the same machine). Default: ${DEFAULT-VALUE}.")
  int leaseSeconds;

  long leaseMillis() {
    if (leaseSeconds < 1) {
      throw new PrismUserException(
          "--lease must be at least 1 second, not " + leaseSeconds, "Pass a positive number");
    }
    return leaseSeconds * 1000L;
  }
}
