package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema version 10 moves the work queue to a table without foreign keys, keeping every item. */
class WorkQueueMigrationTests {
  @Test
  void queuedAndClaimedItemsSurviveAndOnlyTheQueuesOwnIndexesRemain() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:v10;DB_CLOSE_DELAY=-1")) {
      Database.migrate(c, 9);
      StoreRows.suiteAndRun(c, "running");
      try (Statement s = c.createStatement()) {
        for (int i = 0; i < 2; i++) {
          s.execute(
              "INSERT INTO request(id, run_id, seq, instance_seq, train_trial_index, deployment,"
                  + " prompt, params_json, output_mapping_json, num_train_instances,"
                  + " prompt_truncated, cache_key) VALUES ("
                  + (100 + i)
                  + ", 1, "
                  + i
                  + ", 0, 0, 'd', 'p', '{}', '{}', 0, FALSE, 'k')");
        }
        s.execute("INSERT INTO work_item VALUES (100, 1, 0, NULL, 0, 0)");
        s.execute("INSERT INTO work_item VALUES (101, 1, 1, 'w@host', 1234, 2)");
      }
      Database.migrate(c);
      assertThat(Database.schemaVersion(c)).isEqualTo(Database.MIGRATIONS.size());
      assertThat(rows(c, "SELECT * FROM work_item ORDER BY request_id"))
          .containsExactly("100,1,0,null,0,0", "101,1,1,w@host,1234,2");
      assertThat(
              rows(
                  c,
                  "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                      + " WHERE TABLE_NAME = 'WORK_ITEM' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'"))
          .containsExactly("WORK_ITEM_RUN");
      assertThat(
              rows(
                  c,
                  "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                      + " WHERE TABLE_NAME = 'WORK_ITEM' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"))
          .isEmpty();
    }
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(",", values));
      }
    }
    return rows;
  }
}
