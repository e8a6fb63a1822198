package dev.live.storage;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hands out change log versions for a database that only this process writes: an embedded H2
 * database, which H2 locks to one process. Because every writer takes its versions here, the
 * clock knows which versions are in flight (taken, not yet committed or abandoned), and readers
 * see the log only up to the {@link #visible} watermark: the version before the oldest one in
 * flight (and never above the highest committed one). A reader that continues from the watermark
 * therefore never misses a version that commits late, while writers commit in parallel.
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
  /**
   * The highest version committed. Versions above it that are not in flight were abandoned by a
   * failed commit: never reported as visible, they may be handed out again after a restart.
   */
  private long committed = -1;
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
      startAt(ChangeLog.latestVersion(sql));
    }
  }

  /** Starts the clock after {@code version}, the last one the database holds. */
  synchronized void startAt(long version) {
    if (last < 0) {
      last = version;
      committed = version;
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

  /** Ends the transaction that took {@code first} to {@code last}, committed or not. */
  synchronized void finished(long first, long last, boolean wasCommitted) {
    inFlight.remove(first);
    if (wasCommitted) {
      committed = Math.max(committed, last);
    }
  }

  /**
   * The version up to which readers may read: below every version still in flight, and at most
   * the highest committed one, so that no version a failed commit abandoned is ever reported.
   */
  synchronized long visible() {
    requireStarted();
    return inFlight.isEmpty() ? committed : Math.min(inFlight.first() - 1, committed);
  }

  /** The last version handed out: no transaction that has committed so far has a higher one. */
  synchronized long taken() {
    requireStarted();
    return last;
  }

  private void requireStarted() {
    if (last < 0) {
      throw new IllegalStateException("the version clock of " + key + " was not started");
    }
  }
}
