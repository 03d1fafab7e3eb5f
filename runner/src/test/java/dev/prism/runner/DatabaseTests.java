package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.runner.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTests {
  @TempDir Path dir;

  @Test
  void migratesOnceAndReopensAtTheSameVersion() throws Exception {
    String url = Database.defaultUrl(dir);
    try (Connection c = Database.open(url)) {
      assertThat(Database.schemaVersion(c)).isEqualTo(10);
    }
    try (Connection c = Database.open(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(10);
      assertThat(Database.schemaVersion(c)).isEqualTo(10);
    }
    assertThat(dir.resolve("prism.mv.db")).exists();
  }

  // Repeated because the race it guards against shows only in some interleavings.
  @RepeatedTest(5)
  void processesStartingTogetherOnAnEmptyDatabaseAllGetTheSchema() throws Exception {
    String url = Database.defaultUrl(dir);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 6; i++) {
        opened.add(
            pool.submit(
                () -> {
                  start.await();
                  try (Connection c = Database.open(url)) {
                    return Database.schemaVersion(c);
                  }
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<Integer> f : opened) {
        assertThat(f.get()).isEqualTo(10);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = Database.open(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).as("each migration applied once").isEqualTo(10);
    }
  }
}
