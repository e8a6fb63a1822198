package dev.live.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request has not finished sending its headers within the
 * deadline ({@link ServerOptions#requestHeaderTimeout()}). Jetty's idle timeout restarts with
 * every byte, so a client trickling one header line every few seconds would otherwise hold a
 * socket and a parser for as long as it likes, a thousand of them a thousand. The first request
 * is the one that matters: every WebSocket upgrade is one, and a later request on a kept-alive
 * connection comes after a whole one was sent. Request bodies are bounded by {@link BodyRate}
 * instead ({@link ServerOptions#minRequestDataRate()}).
 */
final class HeaderDeadline implements Connection.Listener {
  private final Scheduler scheduler;
  private final long deadlineMillis;
  /**
   * The check of each open connection, cancelled when it closes: a check left to run would keep
   * its closed connection (parser, buffers: tens of KiB) reachable until the deadline, and a flood
   * of short requests, each refused and closed at once, would pile up thousands of them.
   */
  private final Map<Connection, Scheduler.Task> checks = new ConcurrentHashMap<>();

  HeaderDeadline(Scheduler scheduler, Duration deadline) {
    this.scheduler = scheduler;
    this.deadlineMillis = deadline.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    checks.put(connection, scheduler.schedule(() -> {
      checks.remove(connection);
      check(connection);
    }, deadlineMillis, TimeUnit.MILLISECONDS));
    if (!connection.getEndPoint().isOpen()) {
      onClosed(connection); // closed before its check was listed: nothing else cancels it
    }
  }

  private static void check(Connection connection) {
    // Upgraded to a WebSocket, the endpoint has another connection: the headers came in time.
    if (connection.getEndPoint().getConnection() == connection && connection.getEndPoint().isOpen()
        && connection.getMessagesIn() == 0) {
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Scheduler.Task pending = checks.remove(connection);
    if (pending != null) {
      pending.cancel(); // Jetty's scheduler then drops the task, and with it the connection
    }
  }
}
