package dev.prism.runner.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.metrics.ScoreCache;
import dev.prism.testkit.LocalPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score cache in the database, on H2 and on PostgreSQL (schema version 8 on both). */
class MetricCacheStoreTests {
  @TempDir Path dir;

  @Test
  void roundTripsOnH2() throws Exception {
    roundTrips(Database.defaultUrl(dir));
  }

  @Test
  void migratesAndRoundTripsOnPostgreSql() throws Exception {
    if (!"1".equals(System.getenv("PRISM_REQUIRE_POSTGRES"))) {
      Assumptions.assumeTrue(
          LocalPostgres.binaries().isPresent(),
          "PostgreSQL is not installed here (.ci/run installs it and sets"
              + " PRISM_REQUIRE_POSTGRES=1)");
    }
    try (LocalPostgres pg = LocalPostgres.start(dir.resolve("pg"))) {
      roundTrips(pg.jdbcUrl());
    }
  }

  private static void roundTrips(String url) throws Exception {
    Map<String, String> values = new LinkedHashMap<>();
    // More texts than one lookup query takes.
    IntStream.range(0, MetricCacheStore.CHUNK + 7)
        .forEach(i -> values.put(ScoreCache.sha256("text " + i), "{\"toxicity\":" + i / 1e4 + "}"));
    String key = "perspective#" + "a".repeat(64);
    String other = "perspective#" + "b".repeat(64);
    try (RunStore store = RunStore.open(url, Clock.systemUTC())) {
      assertThat(Database.schemaVersion(store.connection())).isEqualTo(10);
      ScoreCache cache = MetricCacheStore.of(store, Clock.systemUTC());
      assertThat(cache.getAll(key, values.keySet())).isEmpty();
      cache.putAll(key, values);
      // An equal score stored again (another worker, another run) replaces the row.
      String first = values.keySet().iterator().next();
      cache.putAll(key, Map.of(first, "{\"toxicity\":0.5}"));
      cache.putAll(key, Map.of());
      Map<String, String> expected = new LinkedHashMap<>(values);
      expected.put(first, "{\"toxicity\":0.5}");
      assertThat(cache.getAll(key, values.keySet())).isEqualTo(expected);
      assertThat(cache.getAll(other, values.keySet())).as("keys do not mix").isEmpty();
      assertThat(cache.getAll(key, List.of(ScoreCache.sha256("never scored"), first)))
          .containsOnlyKeys(first);
    }
    // Another process opening the same database finds the scores.
    try (RunStore store = RunStore.open(url, Clock.systemUTC())) {
      assertThat(MetricCacheStore.of(store, Clock.systemUTC()).getAll(key, values.keySet()))
          .hasSize(values.size());
    }
  }
}
