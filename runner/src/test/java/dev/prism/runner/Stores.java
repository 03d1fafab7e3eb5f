package dev.prism.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads what tests compare out of a store. */
final class Stores {
  private Stores() {}

  /** The JDBC URL of the default file database in an output folder. */
  static String url(Path output) {
    return "jdbc:h2:file:" + output.toAbsolutePath().resolve("prism");
  }

  /**
   * Every stat row of the store, sorted, as text; runtime stats (wall times, which differ between
   * any two runs) left out.
   */
  static List<String> stats(String url) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, split, sub_split, perturbation_json, count, sum, sum_squared,"
                    + " min_value, max_value FROM stat WHERE name NOT LIKE '%runtime%'")) {
      while (rs.next()) {
        // Numbers are formatted here, not by the database, so that H2 and PostgreSQL agree.
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
          row.append(rs.getString(i)).append('|');
        }
        row.append(rs.getLong(5)).append('|');
        for (int i = 6; i <= 9; i++) {
          double v = rs.getDouble(i);
          row.append(rs.wasNull() ? "null" : Double.toString(v)).append('|');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /** The mean of the unperturbed stat {@code name} of {@code split}; fails when there is none. */
  static double mean(String url, String name, String split) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return mean(c, name, split);
    }
  }

  /** {@link #mean(String, String, String)} on an open connection. */
  static double mean(Connection c, String name, String split) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mean FROM stat WHERE name = ? AND split = ? AND perturbation_json IS NULL")) {
      ps.setString(1, name);
      ps.setString(2, split);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no stat " + name + " for split " + split);
        }
        return rs.getDouble(1);
      }
    }
  }

  /** A connection to the default file database in an output folder. */
  static Connection open(Path output) throws SQLException {
    return DriverManager.getConnection(url(output));
  }

  /** The single number a query returns. */
  static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
