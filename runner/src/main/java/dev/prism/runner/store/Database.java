package dev.prism.runner.store;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Opens the store (an H2 file by default, any JDBC URL otherwise) and brings its schema up to date
 * with the versioned migrations in {@code /db/V<n>__*.sql}.
 */
public final class Database {
  /** Migrations in order; the version of each is its position plus one. */
  static final List<String> MIGRATIONS =
      List.of(
          "/db/V1__initial.sql",
          "/db/V2__run_family.sql",
          "/db/V3__run_note.sql",
          "/db/V4__request_tokens.sql",
          "/db/V5__work_queue.sql",
          "/db/V6__helm_run_fields.sql",
          "/db/V7__prompt_in_row.sql",
          "/db/V8__metric_cache.sql",
          "/db/V9__per_instance_annotations.sql",
          "/db/V10__work_queue_without_foreign_keys.sql");

  private Database() {}

  /** The JDBC URL of the default file database in {@code outputDir} ({@code prism.mv.db}). */
  public static String defaultUrl(Path outputDir) {
    return "jdbc:h2:file:" + outputDir.toAbsolutePath().resolve("prism");
  }

  /**
   * Connects and migrates.
   *
   * @throws PrismUserException when the URL cannot be opened
   */
  public static Connection open(String jdbcUrl) {
    Connection c = connect(jdbcUrl);
    try {
      if (!upToDate(c)) {
        migrateHoldingLock(jdbcUrl, c);
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof PrismUserException user) {
        throw user;
      }
      throw new IllegalStateException(
          "schema migration failed on " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String jdbcUrl) {
    try {
      return DriverManager.getConnection(connectionUrl(jdbcUrl));
    } catch (SQLException e) {
      throw new PrismUserException(
          "cannot open database " + jdbcUrl + ": " + e.getMessage(),
          "Check --db (a JDBC URL such as jdbc:h2:file:/path/prism) and that no other process"
              + " holds an embedded H2 file open",
          e);
    }
  }

  private static boolean upToDate(Connection c) {
    try {
      return schemaVersion(c) == MIGRATIONS.size();
    } catch (SQLException noSchemaYet) {
      return false;
    }
  }

  /**
   * Several workers starting together on an empty shared database would otherwise race to migrate
   * it, and H2 commits each DDL statement on its own, so a loser cannot roll its half back. A row
   * lock held by a second connection for the whole migration makes them take turns; whoever comes
   * second finds the schema up to date.
   */
  private static void migrateHoldingLock(String jdbcUrl, Connection c) throws SQLException {
    try (Connection lock = connect(jdbcUrl)) {
      acquireMigrationLock(lock);
      try {
        migrate(c);
      } finally {
        lock.rollback();
      }
    }
  }

  /** The longest a process waits for another one's migration (a large V7 rewrite takes a while). */
  private static final Duration MIGRATION_LOCK_WAIT = Duration.ofMinutes(10);

  private static void acquireMigrationLock(Connection lock) throws SQLException {
    long deadline = System.nanoTime() + MIGRATION_LOCK_WAIT.toNanos();
    while (true) {
      try (Statement s = lock.createStatement()) {
        lock.setAutoCommit(true);
        s.execute("CREATE TABLE IF NOT EXISTS schema_lock (id INT PRIMARY KEY)");
        boolean present;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_lock WHERE id = 1")) {
          present = rs.next() && rs.getInt(1) > 0;
        }
        if (!present) {
          s.executeUpdate("INSERT INTO schema_lock(id) VALUES (1)");
        }
        lock.setAutoCommit(false);
        // H2 gives up waiting for the row after its LOCK_TIMEOUT; the loop waits on.
        try (ResultSet rs = s.executeQuery("SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE")) {
          rs.next();
        }
        return;
      } catch (SQLException busy) {
        // Table or row created concurrently, or the lock is held: try again until the deadline.
        if (!lock.getAutoCommit()) {
          lock.rollback();
        }
        if (System.nanoTime() > deadline) {
          throw busy;
        }
        try {
          Thread.sleep(20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(80));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw busy;
        }
      }
    }
  }

  /**
   * The URL to connect with: an embedded H2 database gets two settings unless the URL sets them.
   *
   * <ul>
   *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 closes its databases from its own shutdown hook, which
   *       would race Prism's Ctrl-C hook that stores the requests still in flight; Prism closes its
   *       connections itself instead.
   *   <li>{@code MAX_COMPACT_TIME=0}: H2 otherwise spends up to 200 ms rewriting the file on every
   *       close, as long as a 10,000-instance run's scoring on two cores; the file is compacted
   *       while it is open instead (H2's background housekeeping).
   * </ul>
   */
  static String connectionUrl(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")
        || jdbcUrl.startsWith("jdbc:h2:mem:")
        || jdbcUrl.startsWith("jdbc:h2:tcp:")
        || jdbcUrl.startsWith("jdbc:h2:ssl:")) {
      return jdbcUrl;
    }
    String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
    String url = jdbcUrl;
    if (!upper.contains("DB_CLOSE_ON_EXIT")) {
      url += ";DB_CLOSE_ON_EXIT=FALSE";
    }
    if (!upper.contains("MAX_COMPACT_TIME")) {
      url += ";MAX_COMPACT_TIME=0";
    }
    return url;
  }

  /** Applies every migration newer than the database's version, each in one transaction. */
  static void migrate(Connection c) throws SQLException {
    migrate(c, MIGRATIONS.size());
  }

  /** Applies the migrations newer than the database's version up to {@code target}. */
  static void migrate(Connection c, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + "version INT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
    }
    int current = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      if (rs.next()) {
        current = rs.getInt(1);
      }
    }
    if (current > MIGRATIONS.size()) {
      throw new PrismUserException(
          "database schema version " + current + " is newer than this Prism understands",
          "Use a newer Prism or another --db");
    }
    Dialect dialect = Dialect.of(c);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      for (int v = current + 1; v <= target; v++) {
        for (String sql : statements(MIGRATIONS.get(v - 1))) {
          try (Statement s = c.createStatement()) {
            s.execute(dialect.migration(sql));
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
          ps.setInt(1, v);
          ps.setTimestamp(2, Timestamp.from(Instant.now()));
          ps.executeUpdate();
        }
        c.commit();
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The schema version the database is at. */
  public static int schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> statements(String resource) {
    try (InputStream in = Database.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder withoutComments = new StringBuilder();
      for (String line : text.split("\n")) {
        if (!line.strip().startsWith("--")) {
          withoutComments.append(line).append('\n');
        }
      }
      return java.util.Arrays.stream(withoutComments.toString().split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + resource, e);
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closing after a failure: the original error matters more.
    }
  }
}
