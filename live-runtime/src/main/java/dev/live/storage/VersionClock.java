package dev.live.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hands out change log versions for a database that only this process writes: an embedded H2
 * database, which H2 locks to one process. Because every writer takes its versions here, the
 * clock knows which versions are in flight (taken, not yet committed or abandoned), and readers
 * see the log only up to the {@link #visible} watermark: the version before the oldest one in
 * flight. A reader that continues from the watermark therefore never misses a version that
 * commits late, while writers commit in parallel, so H2 writes many commits to the file at once.
 *
 * <p>Several {@link Database} objects of one JVM may open the same H2 database; they share one
 * clock, found by the database's key and released when the last store using it closes, so that
 * a later open reads the versions afresh from the database.
 */
final class VersionClock {
  private static final Map<String, VersionClock> OPEN = new HashMap<>();

  private final String key;
  private int users;
  /** The last version handed out; negative until read from the database. */
  private long last = -1;
  /** The first version of each transaction between {@link #take} and {@link #finished}. */
  private final TreeSet<Long> inFlight = new TreeSet<>();

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

  /** Reads the last version from the database, unless a store of this JVM already did. */
  synchronized void start(Sql sql) throws SQLException {
    if (last < 0) {
      startAt(stored(sql));
    }
  }

  /** Starts the clock after {@code version}, the last one the database holds. */
  synchronized void startAt(long version) {
    if (last < 0) {
      last = version;
    }
  }

  /**
   * Reserves {@code count} consecutive versions for a transaction about to commit and returns
   * the last; the caller calls {@link #finished} with the first once the commit succeeded or
   * failed. Versions of a commit that failed are never used: the log has a gap there.
   */
  synchronized long take(int count) {
    requireStarted();
    inFlight.add(last + 1);
    last += count;
    return last;
  }

  synchronized void finished(long first) {
    inFlight.remove(first);
  }

  /** The highest version below which every version is committed (or abandoned). */
  synchronized long visible() {
    requireStarted();
    return inFlight.isEmpty() ? last : inFlight.first() - 1;
  }

  private void requireStarted() {
    if (last < 0) {
      throw new IllegalStateException("the version clock of " + key + " was not started");
    }
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
