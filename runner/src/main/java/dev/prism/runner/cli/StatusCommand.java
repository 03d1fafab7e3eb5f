package dev.prism.runner.cli;

import dev.prism.core.PrismUserException;
import dev.prism.runner.store.Database;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prism status}: how far each run is, from the database alone. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show per run how many requests are done, failed, in flight (leased by workers) and left,"
          + " how many workers hold leases, and the recent rate and ETA.",
      "Example: prism status --suite quickstart"
    })
final class StatusCommand implements Callable<Integer> {
  @Option(names = "--suite", paramLabel = "NAME", description = "Only this suite.")
  String suite;

  @Mixin StoreOptions store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (store.db == null && !Files.exists(store.output.resolve("prism.mv.db"))) {
      throw new PrismUserException(
          "no database at " + store.output.resolve("prism.mv.db"),
          "Run 'prism run …' first, or pass --output/--db");
    }
    PrintWriter out = spec.commandLine().getOut();
    String sql =
        "SELECT s.name, r.name, r.status, COUNT(q.id),"
            + " SUM(CASE WHEN c.success THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN c.request_id IS NOT NULL AND NOT c.success THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN c.completed_at >= ? THEN 1 ELSE 0 END), MAX(c.completed_at),"
            + " (SELECT COUNT(*) FROM work_item w WHERE w.run_id = r.id AND w.lease_until >= ?),"
            + " (SELECT COUNT(DISTINCT w.owner) FROM work_item w"
            + " WHERE w.run_id = r.id AND w.lease_until >= ?)"
            + " FROM run r JOIN suite s ON s.id = r.suite_id"
            + " LEFT JOIN request q ON q.run_id = r.id"
            + " LEFT JOIN completion c ON c.request_id = q.id"
            + " WHERE (? IS NULL OR s.name = ?)"
            + " GROUP BY s.name, r.id, r.name, r.status ORDER BY s.name, r.name";
    Instant now = Instant.now();
    Instant window = now.minus(Duration.ofMinutes(1));
    try (Connection c = Database.open(store.jdbcUrl());
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(window));
      ps.setLong(2, now.toEpochMilli());
      ps.setLong(3, now.toEpochMilli());
      ps.setString(4, suite);
      ps.setString(5, suite);
      out.printf(
          Locale.ROOT,
          "%-14s %-56s %-22s %8s %8s %8s %9s %8s %7s %9s %8s%n",
          "SUITE",
          "RUN",
          "STATUS",
          "TOTAL",
          "DONE",
          "FAILED",
          "IN_FLIGHT",
          "LEFT",
          "WORKERS",
          "REQ/MIN",
          "ETA");
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          long total = rs.getLong(4);
          long done = rs.getLong(5);
          long failed = rs.getLong(6);
          long recent = rs.getLong(7);
          long inFlight = rs.getLong(9);
          long workers = rs.getLong(10);
          long left = total - done - failed - inFlight;
          boolean running = "running".equals(rs.getString(3));
          String eta =
              !running || left + inFlight == 0
                  ? "-"
                  : recent == 0 ? "stalled" : formatMinutes((double) (left + inFlight) / recent);
          out.printf(
              Locale.ROOT,
              "%-14s %-56s %-22s %8d %8d %8d %9d %8d %7d %9s %8s%n",
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              total,
              done,
              failed,
              inFlight,
              left,
              workers,
              running ? Long.toString(recent) : "-",
              eta);
        }
      }
      if (rows == 0) {
        throw new PrismUserException(
            suite == null ? "the database holds no runs" : "suite '" + suite + "' has no runs",
            "Check --suite, --output or --db");
      }
    }
    return 0;
  }

  private static String formatMinutes(double minutes) {
    long seconds = Math.round(minutes * 60);
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
