package dev.prism.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, started from the Debian packages' binaries ({@code
 * /usr/lib/postgresql/VERSION/bin}) in a temporary folder, listening on loopback only, with trust
 * authentication. PostgreSQL refuses to run as root, so as root the server runs as the {@code
 * postgres} user the package creates.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.start(dir)) {
 *   String url = pg.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/prism?user=postgres
 * }
 * }</pre>
 */
public final class LocalPostgres implements AutoCloseable {
  private final Path bin;
  private final Path workDir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgres(Path bin, Path workDir, Path data, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.workDir = workDir;
    this.data = data;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The folder of the newest installed PostgreSQL's binaries, if any. */
  public static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Initialises a cluster under {@code workDir}, starts it and creates database {@code prism}.
   *
   * @throws IllegalStateException when PostgreSQL is not installed or does not start
   */
  public static LocalPostgres start(Path workDir) throws IOException, InterruptedException {
    Path bin =
        binaries()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "PostgreSQL is not installed (apt-get install postgresql)"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      // The postgres user must reach the cluster's folder, and a test's temp dir is root's only.
      workDir =
          Files.createTempDirectory(
              "prism-pg",
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                  java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Path data = workDir.resolve("pgdata");
    Path sockets = workDir.resolve("pgsock");
    Files.createDirectories(sockets);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgres pg = new LocalPostgres(bin, workDir, data, port, root);
    if (root) {
      pg.exec(List.of("chown", "-R", "postgres:postgres", workDir.toString()), false);
    }
    pg.exec(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-locale"),
        true);
    pg.exec(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-w",
            "-l",
            workDir.resolve("postgres.log").toString(),
            "-o",
            "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"),
        true);
    pg.exec(
        List.of(
            bin.resolve("createdb").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "prism"),
        true);
    return pg;
  }

  /** JDBC URL of database {@code prism}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/prism?user=postgres";
  }

  private void exec(List<String> command, boolean asServerUser)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asServerUser && asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
    }
  }

  /** Stops the server immediately and, as root, deletes the folder made for it. */
  @Override
  public void close() throws IOException {
    try {
      exec(
          List.of(
              bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"),
          true);
      if (asPostgresUser) {
        exec(List.of("rm", "-rf", workDir.toString()), false);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
