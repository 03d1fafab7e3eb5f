package dev.prism.runner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The work queue in the database: a {@code work_item} row is a request still to be made. Workers
 * claim batches with a lease, renew it while they work, and the store deletes each item in the
 * transaction that stores its outcome ({@link RunStore#saveOutcomes}). Shares its store's
 * connection and lock.
 */
public final class WorkQueue {
  private final Connection c;
  private final Object lock;
  private final Clock clock;
  private final Dialect dialect;

  WorkQueue(Connection c, Object lock, Clock clock, Dialect dialect) {
    this.c = c;
    this.lock = lock;
    this.clock = clock;
    this.dialect = dialect;
  }

  /** A claimed work item: the request's id, its position in its run and its cache key. */
  public record Claim(long requestId, int seq, String cacheKey) {}

  /**
   * Claims up to {@code max} unclaimed (or expired) work items of a run for {@code owner} until
   * {@code leaseUntil} (epoch ms), in request order. Atomic across processes: PostgreSQL locks only
   * the rows it takes and skips those others hold; elsewhere claims on a run serialise on the run's
   * row.
   */
  public List<Claim> claim(long runId, String owner, int max, long leaseUntil) throws SQLException {
    synchronized (lock) {
      long now = clock.millis();
      List<Claim> claims = new ArrayList<>();
      try {
        if (dialect.skipLocked()) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE work_item w SET owner = ?, lease_until = ?, claims = w.claims + 1"
                      + " FROM request q WHERE q.id = w.request_id AND w.request_id IN"
                      + " (SELECT request_id FROM work_item WHERE run_id = ? AND lease_until < ?"
                      + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)"
                      + " RETURNING w.request_id, w.seq, q.cache_key")) {
            ps.setString(1, owner);
            ps.setLong(2, leaseUntil);
            ps.setLong(3, runId);
            ps.setLong(4, now);
            ps.setInt(5, max);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                claims.add(new Claim(rs.getLong(1), rs.getInt(2), rs.getString(3)));
              }
            }
          }
        } else {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM run WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, runId);
            ps.executeQuery().close();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  // The (run_id, seq) index, ordered by both its columns, gives the first rows
                  // without sorting the whole queue (named, so that no other index of a run's
                  // items is ever picked and every claim sorted).
                  "SELECT w.request_id, w.seq, q.cache_key FROM work_item w USE INDEX (work_item_run)"
                      + " JOIN request q ON q.id = w.request_id"
                      + " WHERE w.run_id = ? AND w.lease_until < ? ORDER BY w.run_id, w.seq LIMIT ?")) {
            ps.setLong(1, runId);
            ps.setLong(2, now);
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                claims.add(new Claim(rs.getLong(1), rs.getInt(2), rs.getString(3)));
              }
            }
          }
          if (!claims.isEmpty()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE work_item SET owner = ?, lease_until = ?, claims = claims + 1"
                        + " WHERE request_id = ?")) {
              for (Claim claim : claims) {
                ps.setString(1, owner);
                ps.setLong(2, leaseUntil);
                ps.setLong(3, claim.requestId());
                ps.addBatch();
              }
              ps.executeBatch();
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      claims.sort(java.util.Comparator.comparingInt(Claim::seq));
      return claims;
    }
  }

  /** Extends every lease {@code owner} holds. */
  public void renewLeases(String owner, long leaseUntil) throws SQLException {
    synchronized (lock) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE work_item SET lease_until = ? WHERE owner = ?")) {
        ps.setLong(1, leaseUntil);
        ps.setString(2, owner);
        ps.executeUpdate();
        c.commit();
      }
    }
  }

  /** Returns {@code owner}'s claims on these requests to the queue (Ctrl-C: not started). */
  public void release(String owner, List<Long> requestIds) throws SQLException {
    synchronized (lock) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE work_item SET owner = NULL, lease_until = 0"
                  + " WHERE request_id = ? AND owner = ?")) {
        for (long id : requestIds) {
          ps.setLong(1, id);
          ps.setString(2, owner);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Returns the claims of the owners {@code isDead} recognises (processes on this machine that no
   * longer run) to the queue at once, rather than after their leases expire.
   */
  public int releaseDeadOwners(java.util.function.Predicate<String> isDead) throws SQLException {
    synchronized (lock) {
      List<String> owners = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT DISTINCT owner FROM work_item WHERE owner IS NOT NULL AND lease_until >= ?"); ) {
        ps.setLong(1, clock.millis());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            owners.add(rs.getString(1));
          }
        }
      }
      int released = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE work_item SET owner = NULL, lease_until = 0 WHERE owner = ?")) {
        for (String owner : owners) {
          if (isDead.test(owner)) {
            ps.setString(1, owner);
            released += ps.executeUpdate();
          }
        }
      }
      c.commit();
      return released;
    }
  }

  /** Work items of a run not yet done: {@code [unclaimed or expired, leased]}. */
  public int[] remaining(long runId) throws SQLException {
    synchronized (lock) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COALESCE(SUM(CASE WHEN lease_until < ? THEN 1 ELSE 0 END), 0),"
                  + " COALESCE(SUM(CASE WHEN lease_until >= ? THEN 1 ELSE 0 END), 0)"
                  + " FROM work_item WHERE run_id = ?")) {
        long now = clock.millis();
        ps.setLong(1, now);
        ps.setLong(2, now);
        ps.setLong(3, runId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new int[] {rs.getInt(1), rs.getInt(2)};
        }
      } finally {
        c.commit();
      }
    }
  }

  /**
   * Takes the right to score a run whose requests are all done: only one worker scores a run. A
   * scorer that died loses the right when {@code until} of its claim has passed.
   */
  public boolean claimScoring(long runId, long until) throws SQLException {
    synchronized (lock) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE run SET status = 'scoring', scoring_until = ? WHERE id = ?"
                  + " AND (status IN ('running', 'interrupted')"
                  + " OR (status = 'scoring' AND scoring_until < ?))"
                  + " AND NOT EXISTS (SELECT 1 FROM work_item w WHERE w.run_id = ?)")) {
        ps.setLong(1, until);
        ps.setLong(2, runId);
        ps.setLong(3, clock.millis());
        ps.setLong(4, runId);
        boolean claimed = ps.executeUpdate() == 1;
        c.commit();
        return claimed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
