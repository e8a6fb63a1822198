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
  private final WakeConnections connections;
  private final WakeChannel channel;
  private final String node;
  private final WakeNotifier notifier;
  private @Nullable WakeListener listener;
  private boolean closed;

  NodeWakeups(WakeConnections connections, WakeChannel channel) {
    this.connections = connections;
    this.channel = channel;
    this.node = String.format("%08x", ThreadLocalRandom.current().nextInt());
    this.notifier = new WakeNotifier(connections, channel, applicationName("live-notify"),
        "live-change-notifier-" + node);
  }

  /** After a commit of changes up to {@code version}; returns at once. */
  void committed(long version) {
    notifier.committed(version);
  }

  /** Starts listening for {@code feed}'s tails, unless it does already. */
  synchronized void listen(ChangeFeed feed) {
    if (closed || listener != null) {
      return;
    }
    listener = new WakeListener(connections, channel, applicationName("live-listen"), "live-change-listener-" + node,
        feed::wakeBehind, feed::wake);
    listener.start();
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
