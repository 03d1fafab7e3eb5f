package dev.prism.runner.cli;

import dev.prism.runner.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where results go: the output folder and the database. */
final class StoreOptions {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      defaultValue = "prism-output",
      description =
          "Output folder for the default database and the site (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database JDBC URL (default: an H2 file DIR/prism.mv.db).")
  String db;

  String jdbcUrl() {
    return db != null ? db : Database.defaultUrl(output);
  }

  /** What to print as the database's location. */
  String describeDb() {
    return db != null ? db : output.toAbsolutePath().resolve("prism.mv.db").toString();
  }

  Path siteDir() {
    return output.resolve("site");
  }
}
