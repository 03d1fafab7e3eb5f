package dev.prism.runner.cli;

import dev.prism.core.Names;
import dev.prism.core.PrismUserException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code prism} command. Exit codes: 0 success, 1 internal error, 2 user error (one line: what,
 * where, what to do; stack traces only with {@code --verbose}), 130 interrupted.
 */
@Command(
    name = "prism",
    mixinStandardHelpOptions = true,
    version = "prism 0.1.0",
    description = "Holistic language-model evaluation.",
    subcommands = {
      RunCommand.class,
      ScoreCommand.class,
      ReportCommand.class,
      ListCommand.class,
      DownloadCommand.class,
      PerturbCommand.class,
      StatusCommand.class,
      WorkerCommand.class,
      DbCommand.class,
      ValidateCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PrismCommand implements Runnable {
  /** Exit status for user errors. */
  public static final int USER_ERROR = 2;

  /** Exit status after Ctrl-C. */
  public static final int INTERRUPTED = 130;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces for errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  /** Runs the CLI and returns the exit status; never throws. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    PrismCommand root = new PrismCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter e = commandLine.getErr();
          boolean verbose = root.verbose || java.util.Arrays.asList(args).contains("--verbose");
          if (ex instanceof PrismUserException user) {
            e.println("prism: error: " + user.oneLine());
            if (verbose) {
              ex.printStackTrace(e);
            }
            return USER_ERROR;
          }
          if (ex instanceof InterruptedException) {
            e.println("prism: interrupted");
            return INTERRUPTED;
          }
          e.println(
              "prism: internal error: "
                  + ex
                  + (verbose ? "" : " (run again with --verbose for the stack trace)"));
          if (verbose) {
            ex.printStackTrace(e);
          }
          return 1;
        });
    cli.setParameterExceptionHandler(
        (ex, params) -> {
          CommandLine c = ex.getCommandLine();
          PrintWriter e = c.getErr();
          String line = "prism: error: " + ex.getMessage().replace('\n', ' ');
          String suggestion = suggestion(ex, c);
          e.println(
              line
                  + (suggestion.isEmpty() ? "" : ". " + suggestion)
                  + ". Run '"
                  + c.getCommandSpec().qualifiedName()
                  + " --help' for usage");
          return USER_ERROR;
        });
    return cli.execute(args);
  }

  private static String suggestion(ParameterException ex, CommandLine c) {
    if (!(ex instanceof UnmatchedArgumentException u)) {
      return "";
    }
    if (!u.getSuggestions().isEmpty()) {
      return "Did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    List<String> known = new ArrayList<>(c.getSubcommands().keySet());
    c.getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names())));
    for (String unmatched : u.getUnmatched()) {
      List<String> close = Names.suggestions(unmatched, known);
      if (!close.isEmpty()) {
        return "Did you mean " + String.join(" or ", close) + "?";
      }
    }
    return "";
  }
}
