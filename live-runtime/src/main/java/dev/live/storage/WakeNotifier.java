package dev.live.storage;

import dev.live.error.ReportWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other nodes on one PostgreSQL database that this node committed: a {@code NOTIFY} on
 * the store's {@link WakeChannel} whose payload is the commit's last version, nothing else. It is
 * sent after the commit, never inside its transaction, from a thread and a connection of its own:
 * the committing thread only records the version, under a lock held for that alone, so a slow,
 * failing or unreachable database never delays or fails a commit.
 *
 * <p>Coalesced: while one NOTIFY is in flight, later commits leave only the highest version
 * pending, and one NOTIFY carries it when the first is done. A burst of group commits costs at
 * most the NOTIFY in flight and one more, whatever its length; a listener reads the log from its
 * own position anyway, so the versions in between need no message of their own.
 *
 * <p>A failure is counted, logged at most once per ten seconds, and retried with the latest
 * version after a growing, jittered pause (the first retry, on a fresh connection, is at once: a
 * connection left idle may have been closed by the server meanwhile). Until it succeeds, other
 * nodes see this node's commits at their poll ({@link StoreOptions#tailPollInterval()}).
 */
final class WakeNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WakeNotifier.class);
  private static final long REPORT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final WakeConnections connections;
  private final WakeChannel channel;
  private final String applicationName;
  private final String threadName;
  private final java.util.function.Consumer<? super Throwable> stopped;
  private final RetryBackoff backoff = new RetryBackoff(250, 10_000);
  private final ReportWindow failureReports = new ReportWindow(REPORT_WINDOW_NANOS);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  private final Object lock = new Object();
  /** The version to send next, 0 for none. Guarded by {@link #lock}. */
  private long pending;
  /** The highest version taken to send: an older one arriving late needs no NOTIFY. Guarded by {@link #lock}. */
  private long taken;
  private boolean closed;
  private @Nullable Thread thread;

  /** Owned by the thread; volatile only so that a close that cannot wait longer may abort it. */
  private volatile @Nullable Connection connection;
  private @Nullable PreparedStatement notify;

  /** @param stopped hears what ended the thread when a bug or an {@code Error} did */
  WakeNotifier(WakeConnections connections, WakeChannel channel, java.util.function.Consumer<? super Throwable> stopped,
      String applicationName, String threadName) {
    this.stopped = stopped;
    this.connections = connections;
    this.channel = channel;
    this.applicationName = applicationName;
    this.threadName = threadName;
  }

  /**
   * A transaction committed its changes up to {@code version}: other nodes are to hear of it.
   * Returns at once; never blocks on the database. The thread starts with the first commit, so a
   * store that only reads holds no connection for it.
   */
  void committed(long version) {
    synchronized (lock) {
      if (closed || version <= Math.max(pending, taken)) {
        return;
      }
      pending = version;
      if (thread == null) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
      } else {
        lock.notifyAll();
      }
    }
  }

  /** NOTIFYs sent. */
  long sent() {
    return sent.get();
  }

  /** NOTIFYs that failed (each attempt). */
  long failures() {
    return failures.get();
  }

  /**
   * Sends what is pending, if it can within two seconds, and stops the thread; its connection is
   * closed. Closing again does nothing.
   */
  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      running = thread;
      lock.notifyAll();
    }
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    try {
      running.join(CLOSE_WAIT_MILLIS);
      Connection stuck = connection;
      if (running.isAlive() && stuck != null) {
        WakeConnections.abort(stuck); // a NOTIFY waiting on an unresponsive database
        running.join(CLOSE_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (true) {
        long version;
        boolean last;
        synchronized (lock) {
          while (pending == 0 && !closed) {
            lock.wait();
          }
          if (pending == 0) {
            return; // closed, and nothing left to tell
          }
          version = pending;
          pending = 0;
          taken = Math.max(taken, version);
          last = closed;
        }
        if (send(version)) {
          backoff.reset();
        } else if (!last) {
          retryLater(version);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) { // a bug, or the JVM failing: the other nodes would hear nothing more
      log.error("the notifier of this node's commits on {} stopped", channel.name(), e);
      stopped.accept(e);
    } finally {
      disconnect();
    }
  }

  /** Sends {@code version}: on the open connection, and once more on a fresh one if that failed. */
  private boolean send(long version) {
    boolean reused = notify != null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        if (notify == null) {
          connect();
        }
        notify.setString(1, channel.name());
        notify.setString(2, Long.toString(version));
        notify.execute();
        sent.incrementAndGet();
        return true;
      } catch (SQLException | RuntimeException e) {
        failures.incrementAndGet();
        disconnect();
        if (attempt == 0 && reused) {
          log.debug("a NOTIFY on {} failed on a connection open since earlier; trying a new one", channel.name(), e);
          continue;
        }
        report(e);
        return false;
      }
    }
    return false;
  }

  private void connect() throws SQLException {
    // synchronous_commit off: a NOTIFY's transaction writes a commit record, and waiting for it to
    // reach the disk would only delay the wake-up; a notification lost in a crash is covered by
    // polling like any other (its listeners' sessions do not survive the crash either).
    Connection opened = connections.open(applicationName, "synchronous_commit", "off");
    connection = opened;
    try {
      notify = opened.prepareStatement("SELECT pg_notify(?, ?)");
    } catch (SQLException | RuntimeException e) {
      disconnect();
      throw e;
    }
  }

  private void disconnect() {
    Connection open = connection;
    connection = null;
    notify = null; // closed with its connection
    if (open != null) {
      WakeConnections.closeQuietly(open);
    }
  }

  /** Puts {@code version} back (unless a later one came) and waits the backoff out, or until closed. */
  private void retryLater(long version) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
    synchronized (lock) {
      pending = Math.max(pending, version);
      // Commits in the meantime do not cut the pause short: a failing database is not hammered.
      for (long left = deadline - System.nanoTime(); !closed && left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  private void report(Exception e) {
    log.debug("a NOTIFY on {} failed", channel.name(), e);
    int due = failureReports.due(System.nanoTime());
    if (due > 0) {
      log.warn("telling other nodes of this node's commits (NOTIFY on {}) failed{}: {}; retrying with backoff, and"
          + " until then they see these commits at their tailPollInterval (stack traces at DEBUG)", channel.name(),
          due == 1 ? "" : " " + due + " times since the last such line", describe(e));
    }
  }

  /** The class and the database's message: no row data passes through this connection. */
  static String describe(Exception e) {
    String state = e instanceof SQLException sql && sql.getSQLState() != null ? " [SQLState " + sql.getSQLState() + "]" : "";
    return e.getClass().getSimpleName() + state + ": " + e.getMessage();
  }
}
