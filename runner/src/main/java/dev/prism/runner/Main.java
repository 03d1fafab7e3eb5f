package dev.prism.runner;

import dev.prism.runner.cli.PrismCommand;

/** Entry point of the {@code prism} application. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(PrismCommand.execute(args, System.out, System.err));
  }
}
