package dev.prism.runner.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The few places where H2 and PostgreSQL need different SQL: upserts, large text columns, how a
 * generated key column is named, and whether a work queue may use {@code FOR UPDATE SKIP LOCKED}.
 * Everything else Prism writes is standard SQL both accept.
 */
public enum Dialect {
  H2,
  POSTGRESQL;

  /** The dialect of an open connection; databases other than PostgreSQL are treated as H2. */
  public static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    return product.contains("postgres") ? POSTGRESQL : H2;
  }

  /**
   * An insert that replaces the row with the same key: H2's {@code MERGE … KEY}, PostgreSQL's
   * {@code INSERT … ON CONFLICT … DO UPDATE}. Parameters are the columns in the order given.
   */
  public String upsert(String table, List<String> columns, List<String> key) {
    String keys = String.join(", ", key);
    return switch (this) {
      case H2 ->
          "MERGE INTO "
              + table
              + "("
              + String.join(", ", columns)
              + ") KEY("
              + keys
              + ") VALUES ("
              + marks(columns)
              + ")";
      case POSTGRESQL ->
          insertValues(table, columns)
              + " ON CONFLICT ("
              + keys
              + ") DO UPDATE SET "
              + columns.stream()
                  .filter(c -> !key.contains(c))
                  .map(c -> c + " = EXCLUDED." + c)
                  .collect(Collectors.joining(", "));
    };
  }

  /**
   * An insert that keeps the row already stored under the same key, if there is one, run with
   * {@link #executeBatchKeeping}: PostgreSQL's {@code ON CONFLICT DO NOTHING}; on H2 a plain
   * insert, whose duplicate-key failures that method ignores (H2 goes on with the rest of a batch).
   * Its {@code MERGE} would try an update before each insert, three times an insert's cost.
   */
  public String insertKeeping(String table, List<String> columns, String key) {
    return switch (this) {
      case H2 -> insertValues(table, columns);
      case POSTGRESQL -> insertValues(table, columns) + " ON CONFLICT (" + key + ") DO NOTHING";
    };
  }

  /** Executes a batch of {@link #insertKeeping} rows: rows whose key is taken are left out. */
  public void executeBatchKeeping(PreparedStatement ps) throws SQLException {
    try {
      ps.executeBatch();
    } catch (BatchUpdateException e) {
      if (this != H2 || !onlyDuplicateKeys(e)) {
        throw e;
      }
    }
  }

  private static boolean onlyDuplicateKeys(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (!UNIQUE_VIOLATION.equals(next.getSQLState())) {
        return false;
      }
    }
    return true;
  }

  /** SQLSTATE of a unique-constraint violation, in both databases. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static String insertValues(String table, List<String> columns) {
    return "INSERT INTO "
        + table
        + "("
        + String.join(", ", columns)
        + ") VALUES ("
        + marks(columns)
        + ")";
  }

  private static String marks(List<String> columns) {
    return columns.stream().map(c -> "?").collect(Collectors.joining(","));
  }

  /** The name to pass to {@code prepareStatement(sql, names)} for an identity column {@code id}. */
  public String[] generatedId() {
    return new String[] {this == H2 ? "ID" : "id"};
  }

  /**
   * Adapts a migration statement written for H2: PostgreSQL has no {@code CLOB}, and its {@code
   * VARCHAR} holds at most 10,485,760 characters, so longer ones are {@code TEXT}.
   */
  String migration(String statement) {
    return this == POSTGRESQL
        ? statement
            .replaceAll("\\bCLOB\\b", "TEXT")
            .replaceAll("\\bVARCHAR\\(1000000000\\)", "TEXT")
        : statement;
  }

  /**
   * Whether claims can lock only the rows they take and skip those others hold; otherwise a claim
   * serialises on its run's row.
   */
  public boolean skipLocked() {
    return this == POSTGRESQL;
  }
}
