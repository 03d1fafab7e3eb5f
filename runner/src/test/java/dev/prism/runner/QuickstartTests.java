package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end on a temporary H2 file database. */
class QuickstartTests {
  @TempDir Path dir;

  private long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void quickstartStoresEveryPromptAndCompletionAndSecondRunIsServedFromCache() throws Exception {
    Path out = dir.resolve("out");
    Cli first = Cli.run("run", "--suite", "quickstart", "--output", out.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("Database: ").contains("Leaderboard: ");
    assertThat(out.resolve("prism.mv.db")).exists();
    Path index = out.resolve("site/index.html");
    assertThat(index).exists();
    assertThat(Files.readString(index)).contains("simple/calculator").contains("prism/arithmetic");

    String url = "jdbc:h2:file:" + out.toAbsolutePath().resolve("prism");
    long requests;
    try (Connection c = DriverManager.getConnection(url)) {
      requests = count(c, "SELECT COUNT(*) FROM request");
      assertThat(requests).isGreaterThan(0);
      assertThat(count(c, "SELECT COUNT(*) FROM completion")).isEqualTo(requests);
      assertThat(count(c, "SELECT COUNT(*) FROM request WHERE LENGTH(prompt) = 0")).isZero();
      assertThat(count(c, "SELECT COUNT(*) FROM completion WHERE cached")).isZero();
      assertThat(count(c, "SELECT COUNT(*) FROM run")).isEqualTo(6);
      assertThat(count(c, "SELECT SUM(model_calls) FROM run")).isEqualTo(requests);
      assertThat(count(c, "SELECT COUNT(*) FROM stat WHERE name = 'exact_match'")).isGreaterThan(0);
    }

    Cli second = Cli.run("run", "--suite", "quickstart", "--output", out.toString());
    assertThat(second.exit()).as(second.err()).isZero();
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(count(c, "SELECT COUNT(*) FROM request")).isEqualTo(requests);
      assertThat(count(c, "SELECT COUNT(*) FROM completion")).isEqualTo(requests);
      assertThat(count(c, "SELECT SUM(model_calls) FROM run")).isZero();
      assertThat(count(c, "SELECT SUM(cache_hits) FROM run")).isEqualTo(requests);
      assertThat(count(c, "SELECT COUNT(*) FROM completion WHERE cached")).isEqualTo(requests);
    }
    assertThat(second.out()).contains("model_calls=0");
    Cli status = Cli.run("status", "--output", out.toString());
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("prism/arithmetic").contains("completed");
    assertThat(status.out().lines().skip(1).filter(l -> !l.isBlank()).count()).isEqualTo(6);
  }

  @Test
  void reportRebuildsTheSiteFromTheDatabase() {
    Path out = dir.resolve("out2");
    assertThat(
            Cli.run(
                    "run",
                    "prism/arithmetic:model=simple/calculator",
                    "--no-report",
                    "--output",
                    out.toString())
                .exit())
        .isZero();
    assertThat(out.resolve("site/index.html")).doesNotExist();
    Cli report = Cli.run("report", "--output", out.toString());
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(out.resolve("site/index.html")).exists();
    assertThat(out.resolve("site/leaderboard.json")).exists();
  }
}
