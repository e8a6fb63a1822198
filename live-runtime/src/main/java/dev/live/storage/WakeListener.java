package dev.live.storage;

import dev.live.error.ReportWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears of other nodes' commits: a thread that LISTENs on the store's {@link WakeChannel} over a
 * connection of its own and hands each notified version to the change feed, which wakes the tails
 * that have not read that far. The thread waits in pgjdbc's {@code getNotifications(timeout)}; a
 * wait that ends with nothing is followed by a cheap query, so that a connection the network lost
 * without a word is noticed within seconds rather than never.
 *
 * <p>When the connection drops (the database restarted, {@code pg_terminate_backend}, a network
 * fault) the listener connects again after a growing, jittered pause (250 ms doubling up to 10 s),
 * logging at most once per ten seconds. Each time it is listening again it wakes every tail: they
 * read from their positions, so a commit made while nobody listened is read then, and none is
 * missed. Meanwhile the tails poll as always ({@link StoreOptions#tailPollInterval()}).
 */
final class WakeListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WakeListener.class);
  /** The longest one wait for notifications lasts; a silent one is followed by a liveness check. */
  static final int WAIT_MILLIS = 10_000;
  /** A connection that stayed up this long starts the next reconnect from the shortest pause again. */
  private static final long STEADY_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long REPORT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long CLOSE_WAIT_MILLIS = 5_000;

  private final WakeConnections connections;
  private final WakeChannel channel;
  private final String applicationName;
  private final LongConsumer notified;
  private final Runnable listening;
  private final java.util.function.Consumer<String> control;
  private final java.util.function.Consumer<? super Throwable> stopped;
  private final Thread thread;
  private final RetryBackoff backoff = new RetryBackoff(250, 10_000);
  private final ReportWindow failureReports = new ReportWindow(REPORT_WINDOW_NANOS);
  private final AtomicLong listens = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final Object pause = new Object();
  private volatile boolean closed;
  private volatile boolean connected;
  /** The connection in use, so that close can end a wait on it at once. */
  private volatile @Nullable Connection current;
  /** Failures since the listener last listened, for the line saying it listens again. */
  private int failuresSinceListening;

  /**
   * @param notified takes the highest version of each batch of notifications (a payload that is
   *     not a version counts as {@code Long.MAX_VALUE}: wake everyone)
   * @param listening runs each time the listener (again) listens: wakes every tail
   * @param control takes the text of each control message ({@link NodeWakeups#CONTROL_PREFIX}),
   *     on this thread: it hands the work on rather than doing it here
   * @param stopped hears what ended the thread when a bug or an {@code Error} did
   */
  WakeListener(WakeConnections connections, WakeChannel channel, String applicationName, String threadName,
      LongConsumer notified, Runnable listening, java.util.function.Consumer<String> control,
      java.util.function.Consumer<? super Throwable> stopped) {
    this.connections = connections;
    this.channel = channel;
    this.applicationName = applicationName;
    this.notified = notified;
    this.listening = listening;
    this.control = control;
    this.stopped = stopped;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether it listens now. */
  boolean isListening() {
    return connected;
  }

  /** How many times it began to listen: 1 after the first connection, one more per reconnect. */
  long listens() {
    return listens.get();
  }

  /** Notifications received on the channel, this node's own included. */
  long received() {
    return received.get();
  }

  /** Whether the thread is still alive (for tests of shutdown). */
  boolean isAlive() {
    return thread.isAlive();
  }

  /** Stops listening: ends a wait in progress at once, and waits for the thread to end. */
  @Override
  public void close() {
    closed = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    Connection open = current;
    if (open != null) {
      WakeConnections.abort(open);
    }
    if (Thread.currentThread() != thread && thread.isAlive()) {
      try {
        thread.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (!closed) {
        long since = System.nanoTime();
        if (!listenOnce()) {
          return;
        }
        if (System.nanoTime() - since >= STEADY_NANOS) {
          backoff.reset();
        }
        pause(backoff.nextMillis());
      }
    } catch (RuntimeException | Error e) { // a bug, or the JVM failing: not a node to go on serving
      log.error("the listener for other nodes' commits and control messages on {} stopped", channel.name(), e);
      stopped.accept(e);
    }
  }

  /**
   * Connects, listens and passes notifications on until the connection fails or the listener is
   * closed; whether to try again.
   */
  private boolean listenOnce() {
    Connection connection = null;
    try {
      connection = connections.open(applicationName);
      current = connection;
      if (closed) { // close saw no connection to abort: it is this one
        return false;
      }
      if (!connection.isWrapperFor(PGConnection.class)) {
        log.warn("the database's connections do not unwrap to pgjdbc's PGConnection, so this node cannot LISTEN"
            + " on {} for other nodes' commits; it sees them at the tails' poll (tailPollInterval)", channel.name());
        return false;
      }
      PGConnection notifications = connection.unwrap(PGConnection.class);
      try (Statement statement = connection.createStatement()) {
        statement.execute(channel.listenSql());
      }
      connected = true;
      listens.incrementAndGet();
      if (failuresSinceListening > 0) {
        log.info("listening again for other nodes' commits on {}, after {} failure(s)", channel.name(),
            failuresSinceListening);
        failuresSinceListening = 0;
      }
      // Commits made while nobody listened are read now: the tails continue from their positions.
      listening.run();
      receive(connection, notifications);
      return false; // closed
    } catch (SQLException | RuntimeException e) {
      if (closed) {
        return false;
      }
      failed(e);
      return true;
    } finally {
      connected = false;
      current = null;
      if (connection != null) {
        WakeConnections.closeQuietly(connection);
      }
    }
  }

  private void receive(Connection connection, PGConnection notifications) throws SQLException {
    while (!closed) {
      PGNotification[] batch = notifications.getNotifications(WAIT_MILLIS);
      if (batch == null || batch.length == 0) {
        if (!closed) {
          alive(connection);
        }
        continue;
      }
      long highest = 0;
      for (PGNotification notification : batch) {
        if (!notification.getName().equals(channel.name())) {
          continue;
        }
        received.incrementAndGet();
        String payload = notification.getParameter();
        if (payload.startsWith(NodeWakeups.CONTROL_PREFIX)) {
          controlMessage(payload.substring(NodeWakeups.CONTROL_PREFIX.length()));
          continue;
        }
        highest = Math.max(highest, version(payload));
      }
      if (highest > 0) {
        notified.accept(highest);
      }
    }
  }

  private void controlMessage(String text) {
    try {
      control.accept(text);
    } catch (RuntimeException e) {
      log.warn("a control message from another node failed here: {}", text, e);
    }
  }

  /** The version a notification carries; one that carries none wakes every tail. */
  private static long version(String payload) {
    try {
      return Long.parseLong(payload);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** A round trip, bounded by the network timeout: a half-open connection fails here. */
  private static void alive(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  private void failed(Exception e) {
    failuresSinceListening++;
    log.debug("listening on {} failed", channel.name(), e);
    int due = failureReports.due(System.nanoTime());
    if (due > 0) {
      log.warn("listening for other nodes' commits (LISTEN on {}) failed{}: {}; reconnecting with backoff, and until"
          + " then their commits are seen at the tails' poll (stack traces at DEBUG)", channel.name(),
          due == 1 ? "" : " " + due + " times since the last such line", WakeNotifier.describe(e));
    }
  }

  private void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (pause) {
      try {
        for (long left = deadline - System.nanoTime(); !closed && left > 0; left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(pause, left);
        }
      } catch (InterruptedException e) {
        closed = true;
        Thread.currentThread().interrupt();
      }
    }
  }
}
