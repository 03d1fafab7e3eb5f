package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.runner.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTests {
  @TempDir Path dir;

  @Test
  void migratesOnceAndReopensAtTheSameVersion() throws Exception {
    String url = Database.defaultUrl(dir);
    try (Connection c = Database.open(url)) {
      assertThat(Database.schemaVersion(c)).isEqualTo(5);
    }
    try (Connection c = Database.open(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
      assertThat(Database.schemaVersion(c)).isEqualTo(5);
    }
    assertThat(dir.resolve("prism.mv.db")).exists();
  }
}
