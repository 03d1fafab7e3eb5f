package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism db}: database tools. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Database tools.",
    subcommands = {DbCommand.ServerCommand.class})
final class DbCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * {@code prism db server}: serves the H2 databases of a folder over TCP, so that several {@code
   * prism run} and {@code prism worker} processes (on this machine or others) share one store
   * without PostgreSQL.
   */
  @Command(
      name = "server",
      mixinStandardHelpOptions = true,
      description = {
        "Serve the H2 database of an output folder over TCP until Ctrl-C, so that several"
            + " processes can share it (--db jdbc:h2:tcp://HOST:PORT/prism).",
        "Example: prism db server --output prism-output --port 9092"
      })
  static final class ServerCommand implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "DIR",
        defaultValue = "prism-output",
        description = "Folder holding the database files (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "9092",
        description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--allow-others",
        description =
            "Accept connections from other machines (default: this machine only). Anyone who"
                + " can reach the port can then read and write the database.")
    boolean allowOthers;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Files.createDirectories(output);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-tcpPort",
                  Integer.toString(port),
                  "-baseDir",
                  output.toAbsolutePath().toString(),
                  "-ifNotExists"));
      if (allowOthers) {
        args.add("-tcpAllowOthers");
      }
      Server server;
      try {
        server = Server.createTcpServer(args.toArray(String[]::new)).start();
      } catch (SQLException e) {
        throw new PrismUserException(
            "cannot start the database server on port " + port + ": " + e.getMessage(),
            "Pick another --port, or stop the process that uses it");
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread onCtrlC =
          new Thread(
              () -> {
                server.stop();
                stopped.countDown();
              },
              "prism-db-server-stop");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      out.printf(
          Locale.ROOT,
          "Serving %s on port %d until Ctrl-C%nConnect with: --db jdbc:h2:tcp://%s:%d/prism%n",
          output.toAbsolutePath(),
          server.getPort(),
          allowOthers ? "THIS_HOST" : "localhost",
          server.getPort());
      out.flush();
      stopped.await();
      return 0;
    }
  }
}
