package dev.live.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions of clients whose connection dropped, kept for {@link
 * ServerOptions#resumeRetention()} so that the client's next connection can resume them ({@code
 * subscribe} with {@code from}) with the deltas it missed instead of a snapshot. A subscription
 * not resumed in time is ended. Keyed by the client's mutation key, which includes its user: one
 * user cannot resume another's subscriptions.
 */
final class ParkedSubscriptions {
  private record Parked(ConnectionSubscription subscription, long deadline) {}

  private final long retentionNanos;
  /** Client key → subscription id → parked subscription. Guarded by this. */
  private final Map<String, Map<String, Parked>> byClient = new HashMap<>();

  ParkedSubscriptions(Duration retention) {
    this.retentionNanos = retention.toNanos();
  }

  boolean enabled() {
    return retentionNanos > 0;
  }

  /** Keeps {@code subscription} of client {@code clientKey} until the retention ends. */
  void park(String clientKey, ConnectionSubscription subscription) {
    subscription.park();
    Parked replaced;
    synchronized (this) {
      replaced = byClient.computeIfAbsent(clientKey, key -> new HashMap<>())
          .put(subscription.id(), new Parked(subscription, System.nanoTime() + retentionNanos));
    }
    if (replaced != null && replaced.subscription() != subscription) {
      replaced.subscription().end(); // an older one under the same id, never resumed
    }
  }

  /** Takes the parked subscription {@code id} of client {@code clientKey}, if there is one. */
  Optional<ConnectionSubscription> take(String clientKey, String id) {
    synchronized (this) {
      Map<String, Parked> parked = byClient.get(clientKey);
      if (parked == null) {
        return Optional.empty();
      }
      Parked found = parked.remove(id);
      if (parked.isEmpty()) {
        byClient.remove(clientKey);
      }
      return found == null ? Optional.empty() : Optional.of(found.subscription());
    }
  }

  /** Ends the subscriptions whose retention is over. Called periodically. */
  void expire() {
    long now = System.nanoTime();
    List<ConnectionSubscription> expired = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Map<String, Parked>> clients = byClient.values().iterator(); clients.hasNext(); ) {
        Map<String, Parked> parked = clients.next();
        parked.values().removeIf(entry -> {
          boolean over = now - entry.deadline() > 0;
          if (over) {
            expired.add(entry.subscription());
          }
          return over;
        });
        if (parked.isEmpty()) {
          clients.remove();
        }
      }
    }
    expired.forEach(ConnectionSubscription::end); // outside the lock: ending takes the engine's
  }

  /**
   * Ends the parked subscriptions of the client that was parked longest ago (all of them: a
   * client resumes its subscriptions together); false when none is parked.
   */
  boolean endOldestClient() {
    List<ConnectionSubscription> ended = new ArrayList<>();
    synchronized (this) {
      String oldest = null;
      long oldestDeadline = 0;
      for (Map.Entry<String, Map<String, Parked>> client : byClient.entrySet()) {
        for (Parked entry : client.getValue().values()) {
          if (oldest == null || entry.deadline() - oldestDeadline < 0) {
            oldest = client.getKey();
            oldestDeadline = entry.deadline();
          }
        }
      }
      if (oldest == null) {
        return false;
      }
      byClient.remove(oldest).values().forEach(entry -> ended.add(entry.subscription()));
    }
    ended.forEach(ConnectionSubscription::end); // outside the lock: ending takes the engine's
    return true;
  }

  /** Ends every parked subscription: the server is stopping. */
  void endAll() {
    endClientsStartingWith("");
  }

  /** Ends the parked subscriptions of the clients whose key starts with {@code prefix} (one user's). */
  void endClientsStartingWith(String prefix) {
    List<ConnectionSubscription> ended = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Map.Entry<String, Map<String, Parked>>> clients = byClient.entrySet().iterator(); clients.hasNext(); ) {
        Map.Entry<String, Map<String, Parked>> client = clients.next();
        if (client.getKey().startsWith(prefix)) {
          client.getValue().values().forEach(entry -> ended.add(entry.subscription()));
          clients.remove();
        }
      }
    }
    ended.forEach(ConnectionSubscription::end);
  }

  synchronized int size() {
    int size = 0;
    for (Map<String, Parked> parked : byClient.values()) {
      size += parked.size();
    }
    return size;
  }
}
