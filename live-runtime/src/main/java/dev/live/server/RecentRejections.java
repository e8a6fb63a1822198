package dev.live.server;

import dev.live.error.LiveException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest rejected mutations and calls of each client, by sequence number, kept for {@link
 * ServerOptions#resumeRetention()}. A client that lost a connection before it read an ack sends
 * the mutation again; the server records only the highest applied number, so without this a
 * rejected mutation below a later applied one would be answered {@code duplicate}, as if it had
 * been applied. With it, the client gets the rejection it missed.
 *
 * <p>Bounded: {@link #PER_CLIENT} per client, and {@link #MAX_TOTAL} in all, beyond which the
 * clients that were rejected longest ago are forgotten first (a client of theirs that sends a
 * rejected write again is answered {@code duplicate}, as it was before this record existed).
 */
final class RecentRejections {
  /** Rejections kept per client at most: each is a code and a message. */
  static final int PER_CLIENT = 256;
  /** Rejections kept over all clients at most: a few hundred bytes each, some 5 MB in all. */
  static final int MAX_TOTAL = 16_384;

  private record Rejection(long seq, LiveException error, long at) {}

  private final long retentionNanos;
  /** Client key → its rejections, oldest first; the clients in order of their latest rejection. Guarded by this. */
  private final LinkedHashMap<String, ArrayDeque<Rejection>> byClient = new LinkedHashMap<>();
  private int total;

  RecentRejections(Duration retention) {
    this.retentionNanos = retention.toNanos();
  }

  synchronized void record(String clientKey, long seq, LiveException error) {
    if (retentionNanos <= 0) {
      return;
    }
    ArrayDeque<Rejection> list = byClient.remove(clientKey); // put back last: the latest rejected
    if (list == null) {
      list = new ArrayDeque<>();
    }
    byClient.put(clientKey, list);
    list.addLast(new Rejection(seq, error, System.nanoTime()));
    total++;
    if (list.size() > PER_CLIENT) {
      list.removeFirst();
      total--;
    }
    for (Iterator<ArrayDeque<Rejection>> oldest = byClient.values().iterator(); total > MAX_TOTAL; ) {
      total -= oldest.next().size();
      oldest.remove();
    }
  }

  /** Forgets a rejection of {@code seq}: the number was used again, and this time applied. */
  synchronized void forget(String clientKey, long seq) {
    ArrayDeque<Rejection> rejections = byClient.get(clientKey);
    if (rejections == null) {
      return; // most applied writes: the client has no rejection kept
    }
    int before = rejections.size();
    if (rejections.removeIf(rejection -> rejection.seq() == seq)) {
      total -= before - rejections.size();
      if (rejections.isEmpty()) {
        byClient.remove(clientKey);
      }
    }
  }

  /** The rejection of client {@code clientKey}'s mutation {@code seq}, if it is still kept. */
  synchronized Optional<LiveException> find(String clientKey, long seq) {
    ArrayDeque<Rejection> rejections = byClient.get(clientKey);
    if (rejections != null) {
      for (Rejection rejection : rejections) {
        if (rejection.seq() == seq) {
          return Optional.of(rejection.error());
        }
      }
    }
    return Optional.empty();
  }

  /** Forgets rejections older than the retention. Called periodically. */
  synchronized void expire() {
    long now = System.nanoTime();
    for (Iterator<ArrayDeque<Rejection>> clients = byClient.values().iterator(); clients.hasNext(); ) {
      ArrayDeque<Rejection> rejections = clients.next();
      while (!rejections.isEmpty() && now - rejections.peekFirst().at() > retentionNanos) {
        rejections.removeFirst();
        total--;
      }
      if (rejections.isEmpty()) {
        clients.remove();
      }
    }
  }

  /** Rejections kept, over all clients. */
  synchronized int size() {
    return total;
  }
}
