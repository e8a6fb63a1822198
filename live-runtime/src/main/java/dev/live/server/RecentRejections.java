package dev.live.server;

import dev.live.error.LiveException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest rejected mutations and calls of each client, by sequence number, kept for {@link
 * ServerOptions#resumeRetention()}. A client that lost a connection before it read an ack sends
 * the mutation again; the server records only the highest applied number, so without this a
 * rejected mutation below a later applied one would be answered {@code duplicate}, as if it had
 * been applied. With it, the client gets the rejection it missed.
 */
final class RecentRejections {
  /** Rejections kept per client at most: each is a code and a message. */
  static final int PER_CLIENT = 256;

  private record Rejection(long seq, LiveException error, long at) {}

  private final long retentionNanos;
  private final Map<String, ArrayDeque<Rejection>> byClient = new ConcurrentHashMap<>();

  RecentRejections(Duration retention) {
    this.retentionNanos = retention.toNanos();
  }

  void record(String clientKey, long seq, LiveException error) {
    if (retentionNanos <= 0) {
      return;
    }
    // compute: atomic with expire's, so a rejection is never added to a list being dropped.
    byClient.compute(clientKey, (key, rejections) -> {
      ArrayDeque<Rejection> list = rejections == null ? new ArrayDeque<>() : rejections;
      synchronized (list) {
        list.addLast(new Rejection(seq, error, System.nanoTime()));
        if (list.size() > PER_CLIENT) {
          list.removeFirst();
        }
      }
      return list;
    });
  }

  /** Forgets a rejection of {@code seq}: the number was used again, and this time applied. */
  void forget(String clientKey, long seq) {
    ArrayDeque<Rejection> rejections = byClient.get(clientKey);
    if (rejections != null) {
      synchronized (rejections) {
        rejections.removeIf(rejection -> rejection.seq() == seq);
      }
    }
  }

  /** The rejection of client {@code clientKey}'s mutation {@code seq}, if it is still kept. */
  Optional<LiveException> find(String clientKey, long seq) {
    ArrayDeque<Rejection> rejections = byClient.get(clientKey);
    if (rejections == null) {
      return Optional.empty();
    }
    synchronized (rejections) {
      for (Rejection rejection : rejections) {
        if (rejection.seq() == seq) {
          return Optional.of(rejection.error());
        }
      }
    }
    return Optional.empty();
  }

  /** Forgets rejections older than the retention. Called periodically. */
  void expire() {
    long now = System.nanoTime();
    for (String client : byClient.keySet()) {
      byClient.computeIfPresent(client, (key, rejections) -> {
        synchronized (rejections) {
          while (!rejections.isEmpty() && now - rejections.peekFirst().at() > retentionNanos) {
            rejections.removeFirst();
          }
          return rejections.isEmpty() ? null : rejections;
        }
      });
    }
  }
}
