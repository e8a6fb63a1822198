package dev.live.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out change log versions for a database that only this process writes: an embedded H2
 * database, which H2 locks to one process. Committing writers take the clock's fair lock, take
 * their versions, append the change log and commit, then release it; so versions become visible
 * in increasing order, as {@link ChangeLog} promises, without a row every writer updates (on H2,
 * updating one hot row costs ten times the rest of a small write).
 *
 * <p>Several {@link Database} objects of one JVM may open the same H2 database; they share one
 * clock, found by the database's URL and released when the last of them closes, so that a later
 * open reads the versions afresh from the database.
 */
final class VersionClock {
  private static final Map<String, VersionClock> OPEN = new HashMap<>();

  private final String key;
  private final ReentrantLock lock = new ReentrantLock(true);
  private int users;
  /** The last version handed out; negative until read from the database. */
  private long last = -1;

  private VersionClock(String key) {
    this.key = key;
  }

  static synchronized VersionClock acquire(String key) {
    VersionClock clock = OPEN.computeIfAbsent(key, VersionClock::new);
    clock.users++;
    return clock;
  }

  void release() {
    synchronized (VersionClock.class) {
      if (--users == 0) {
        OPEN.remove(key);
      }
    }
  }

  ReentrantLock lock() {
    return lock;
  }

  /**
   * Reserves {@code count} versions and returns the last; the caller holds {@link #lock()} and
   * commits before releasing it. If the commit fails, {@link #rollBack} gives them back.
   */
  long take(Sql sql, int count) throws SQLException {
    if (last < 0) {
      last = stored(sql);
    }
    last += count;
    return last;
  }

  /** Undoes the last {@link #take} of {@code count} versions, whose transaction did not commit. */
  void rollBack(int count) {
    last -= count;
  }

  /** The highest version the database holds: in the log, or in the version row if the log was pruned. */
  static long stored(Sql sql) throws SQLException {
    try (PreparedStatement statement = sql.prepare("SELECT GREATEST((SELECT COALESCE(MAX(version), 0) FROM "
        + SqlNames.CHANGES + "), (SELECT COALESCE(MAX(version), 0) FROM " + SqlNames.VERSION + "))");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
