package dev.live.storage;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A store's wake-ups across nodes on PostgreSQL: its commits are NOTIFYed to the other nodes on
 * the database ({@link WakeNotifier}), and their commits wake its tails ({@link WakeListener}), so
 * that a write on one node reaches subscribers on another without waiting for the tails' poll.
 * The poll stays as the safety net: a lost notification, or a listener that is reconnecting,
 * delays a change until the next poll, and never loses it, because a tail reads the log from its
 * own position whatever woke it.
 *
 * <p>The two connections are opened outside the pool ({@link Database#unpooled()}) and named
 * {@code live-listen <node> <channel>} and {@code live-notify <node> <channel>}, {@code <node>}
 * being eight hex digits drawn when the store opens. The notifier connects with the first commit,
 * the listener with the first tail: a store that only writes never listens, one that only reads
 * never notifies.
 */
final class NodeWakeups implements AutoCloseable {
  /**
   * What starts a control message on the channel (a commit's payload is a version, a number):
   * what one node asks the others to do, such as ending a user's sessions ({@link #sendControl}).
   */
  static final String CONTROL_PREFIX = "control:";
  /** NOTIFY's payload limit is 8,000 bytes; a control message stays well within it. */
  static final int MAX_CONTROL_BYTES = 4_000;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeWakeups.class);

  private final WakeConnections connections;
  private volatile java.util.function.Consumer<String> control = text -> {};
  /**
   * Where the end of either thread by a bug or an {@code Error} goes: the first tail's error
   * handler, as for the tail itself (a server stops on it rather than serve without the
   * cross-node wake-ups and control messages it counts on); logged until a tail starts.
   */
  private volatile java.util.function.Consumer<? super Throwable> onError = e -> {};
  private final WakeChannel channel;
  private final String node;
  private final WakeNotifier notifier;
  private @Nullable WakeListener listener;
  private boolean closed;

  NodeWakeups(WakeConnections connections, WakeChannel channel) {
    this.connections = connections;
    this.channel = channel;
    this.node = String.format("%08x", ThreadLocalRandom.current().nextInt());
    this.notifier = new WakeNotifier(connections, channel, e -> onError.accept(e), applicationName("live-notify"),
        "live-change-notifier-" + node);
  }

  /** After a commit of changes up to {@code version}; returns at once. */
  void committed(long version) {
    notifier.committed(version);
  }

  /** Starts listening for {@code feed}'s tails, unless it does already. */
  synchronized void listen(ChangeFeed feed, java.util.function.Consumer<? super Throwable> tailError) {
    if (closed || listener != null) {
      return;
    }
    onError = tailError;
    listener = new WakeListener(connections, channel, applicationName("live-listen"), "live-change-listener-" + node,
        feed::wakeBehind, feed::wake, text -> control.accept(text), e -> onError.accept(e));
    listener.start();
  }

  /** Who takes the control messages other nodes send (this node's own come back too: tell them apart). */
  void onControl(java.util.function.Consumer<String> handler) {
    this.control = java.util.Objects.requireNonNull(handler, "handler");
  }

  /**
   * Sends {@code text} to every node listening on the channel, this one included, on a connection
   * of its own (control messages are rare: sign-outs, clients moving between nodes). Whether it
   * went out: a message too long, or a failure of the database, is logged and dropped.
   */
  boolean sendControl(String text) {
    String payload = CONTROL_PREFIX + text;
    if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CONTROL_BYTES) {
      log.warn("a control message of {} characters is too long for NOTIFY; the other nodes do not get it",
          payload.length());
      return false;
    }
    try (java.sql.Connection connection = connections.open(applicationName("live-control"));
        java.sql.PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, channel.name());
      notify.setString(2, payload);
      notify.execute();
      return true;
    } catch (java.sql.SQLException | RuntimeException e) {
      log.warn("could not send a control message to the other nodes ({}): {}", e.getMessage(), text);
      return false;
    }
  }

  synchronized WakeupStats stats() {
    WakeListener l = listener;
    return new WakeupStats(channel.name(), applicationName("live-listen"), applicationName("live-notify"),
        l != null && l.isListening(), l == null ? 0 : l.listens(), l == null ? 0 : l.received(), notifier.sent(),
        notifier.failures());
  }

  /** Stops both threads and closes their connections; a NOTIFY still pending is sent first if it can be. */
  @Override
  public void close() {
    WakeListener l;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      l = listener;
    }
    if (l != null) {
      l.close();
    }
    notifier.close();
  }

  /** The name a connection shows in {@code pg_stat_activity}, as PostgreSQL keeps it. */
  private String applicationName(String role) {
    return WakeConnections.applicationName(role + " " + node + " " + channel.name());
  }
}
