package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.testkit.FakeProvider;
import dev.prism.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run against the loopback OpenAI-compatible fake provider with 20% faulty responses of every
 * kind: every request ends completed or failed with its error kind, and the provider answered each
 * distinct request successfully at most once (nothing paid twice).
 */
class FaultInjectionTests {
  @TempDir Path dir;

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void faultyProviderLosesNothingAndPaysNothingTwice() throws Exception {
    FakeProvider.Config config =
        FakeProvider.Config.instant()
            .withFaults(
                0.2,
                List.of(
                    Fault.RATE_LIMIT,
                    Fault.SERVER_ERROR,
                    Fault.TIMEOUT,
                    Fault.MALFORMED_JSON,
                    Fault.TRUNCATED_BODY,
                    Fault.CONNECTION_RESET),
                1500,
                42);
    try (FakeProvider provider = FakeProvider.start(config)) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(
          models,
          "model_deployments:\n"
              + "  - name: local/fake\n"
              + "    adapter: openai-compatible\n"
              + "    model: fake-model\n"
              + "    base_url: "
              + provider.baseUrl()
              + "\n"
              + "    api: completions\n"
              + "    read_timeout_s: 1\n"
              + "    max_sequence_length: 4096\n");
      Path out = dir.resolve("out");
      Cli cli =
          Cli.run(
              "run",
              "prism/arithmetic:num_instances=2000,model=local/fake",
              "--models",
              models.toString(),
              "--concurrency",
              "32",
              "--max-attempts",
              "4",
              "--no-report",
              "--output",
              out.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      String url = "jdbc:h2:file:" + out.toAbsolutePath().resolve("prism");
      try (Connection c = DriverManager.getConnection(url)) {
        long requests = count(c, "SELECT COUNT(*) FROM request");
        assertThat(requests).isEqualTo(2000);
        assertThat(count(c, "SELECT COUNT(*) FROM completion")).isEqualTo(requests);
        long failed = count(c, "SELECT COUNT(*) FROM completion WHERE NOT success");
        assertThat(
                count(
                    c, "SELECT COUNT(*) FROM completion WHERE NOT success AND error_kind IS NULL"))
            .isZero();
        long distinct = count(c, "SELECT COUNT(DISTINCT cache_key) FROM request");
        long distinctSucceeded =
            count(
                c,
                "SELECT COUNT(DISTINCT q.cache_key) FROM request q JOIN completion k"
                    + " ON k.request_id = q.id WHERE k.success");
        assertThat(provider.duplicateSuccesses()).isZero();
        assertThat(provider.distinctSuccessfulRequests()).isEqualTo(distinctSucceeded);
        assertThat(provider.successfulCalls()).isEqualTo(distinctSucceeded);
        assertThat(distinctSucceeded).isLessThanOrEqualTo(distinct);
        // With 4 attempts at 20% faults, almost every request succeeds in the end.
        assertThat(failed).isLessThan(20);
        assertThat(provider.calls()).isGreaterThan(provider.successfulCalls());
      }
    }
  }
}
