package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new run whose requests the request cache holds (made by a run of another suite) is stored with
 * cached completions for them and queues only the others.
 */
class NewRunCacheTests {
  @TempDir Path dir;

  @Test
  void newRunQueuesOnlyTheRequestsTheCacheLacks() throws Exception {
    String out = dir.resolve("out").toString();
    String small = "prism/arithmetic:num_instances=50,model=simple/calculator";
    String large = "prism/arithmetic:num_instances=80,model=simple/calculator";
    Cli first = Cli.run("run", small, "--suite", "a", "--no-report", "--output", out);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("model_calls=50 cached=0");

    Cli same = Cli.run("run", small, "--suite", "b", "--no-report", "--output", out);
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.out()).contains("model_calls=0 cached=50");

    Cli more = Cli.run("run", large, "--suite", "c", "--no-report", "--output", out);
    assertThat(more.exit()).as(more.err()).isZero();
    assertThat(more.out()).contains("requests=80 model_calls=30 cached=50");

    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("out/prism"))) {
      assertThat(count(c, "SELECT COUNT(*) FROM work_item")).isZero();
      assertThat(count(c, "SELECT COUNT(*) FROM request")).isEqualTo(180);
      assertThat(count(c, "SELECT COUNT(*) FROM completion")).isEqualTo(180);
      assertThat(count(c, "SELECT COUNT(*) FROM completion WHERE cached")).isEqualTo(100);
      assertThat(count(c, "SELECT COUNT(*) FROM request_cache")).isEqualTo(80);
      // Each suite's run has the same stats as the first for the requests they share.
      assertThat(
              count(
                  c,
                  "SELECT COUNT(DISTINCT s.mean) FROM stat s JOIN run r ON r.id = s.run_id"
                      + " WHERE s.name = 'exact_match' AND s.split = 'test'"
                      + " AND s.sub_split IS NULL AND s.perturbation_json IS NULL"
                      + " AND r.name = '"
                      + small
                      + "'"))
          .isEqualTo(1);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
