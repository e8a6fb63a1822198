package dev.live.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The message buckets of authenticated users, shared by all connections of one user: a user who
 * opens more connections gets no more messages per second. A user's bucket exists while the user
 * has a connection open, so the map holds no more entries than there are connections.
 */
final class UserBuckets {
  private final int perSecond;
  private final int burst;
  private final LongSupplier clock;
  private final Map<String, Shared> byUser = new ConcurrentHashMap<>();

  UserBuckets(int perSecond, int burst, LongSupplier clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** The bucket of {@code userId}, counting one more connection that uses it. */
  TokenBucket acquire(String userId) {
    // compute runs atomically per key: a release cannot remove the entry between lookup and count.
    return byUser.compute(userId, (id, shared) -> {
      Shared current = shared == null ? new Shared(new TokenBucket(perSecond, burst, clock)) : shared;
      current.connections++;
      return current;
    }).bucket;
  }

  /** One connection of {@code userId} stopped using its bucket; the last one removes it. */
  void release(String userId) {
    byUser.computeIfPresent(userId, (id, shared) -> --shared.connections == 0 ? null : shared);
  }

  /** Users with a bucket: those with at least one open connection. */
  int size() {
    return byUser.size();
  }

  /** A user's bucket and how many connections use it; changed only inside the map's compute. */
  private static final class Shared {
    final TokenBucket bucket;
    int connections;

    Shared(TokenBucket bucket) {
      this.bucket = bucket;
    }
  }
}
