package dev.prism.runner.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Rows that store tests need beneath what they test, written directly. */
final class StoreRows {
  private StoreRows() {}

  /** Suite 1 and its run 1 with this status; not committed. */
  static long suiteAndRun(Connection c, String status) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("INSERT INTO suite(id, name, created_at) VALUES (1, 's', CURRENT_TIMESTAMP)");
      s.execute(
          "INSERT INTO run(id, suite_id, name, spec_json, spec_hash, scenario_id,"
              + " scenario_description, deployment, prompt_method, main_metric, status,"
              + " started_at, prism_version) VALUES (1, 1, 'r', '{}', 'h', 'x', 'x', 'd',"
              + " 'generation', 'exact_match', '"
              + status
              + "', CURRENT_TIMESTAMP, '0')");
    }
    return 1;
  }
}
