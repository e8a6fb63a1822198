package dev.live.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Message buckets shared by everything one key sends: the connections and HTTP requests of one
 * authenticated user, or of the anonymous clients of one address. Opening more connections, or
 * sending over HTTP instead, gives no more messages per second.
 *
 * <p>A bucket lives while a connection holds it and, after that, until it is full again: dropping
 * it earlier would hand a client that reconnects, or sends one HTTP request after another, a fresh
 * burst each time. {@link #sweep()} drops the idle full ones; beyond {@code maxKeys} keys, new keys
 * share one overflow bucket, so the map stays bounded whatever the number of addresses.
 */
final class SharedBuckets {
  private final int perSecond;
  private final int burst;
  private final int maxKeys;
  private final LongSupplier clock;
  private final Map<String, Shared> byKey = new ConcurrentHashMap<>();
  private final TokenBucket overflow;

  SharedBuckets(int perSecond, int burst, int maxKeys, LongSupplier clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.overflow = new TokenBucket(perSecond, burst, clock);
  }

  /** The bucket of {@code key}, held by one more connection until {@link #release}. */
  TokenBucket acquire(String key) {
    return take(key, 1);
  }

  /** The bucket of {@code key} for one request, held by nobody: it stays until it is full again. */
  TokenBucket bucket(String key) {
    return take(key, 0);
  }

  private TokenBucket take(String key, int holders) {
    Shared found = byKey.get(key);
    if (found == null && byKey.size() >= maxKeys) {
      return overflow; // a release of this key finds no entry, and changes nothing
    }
    // compute runs atomically per key: a release or a sweep cannot remove the entry between
    // lookup and count.
    return byKey.compute(key, (id, shared) -> {
      Shared current = shared == null ? new Shared(new TokenBucket(perSecond, burst, clock)) : shared;
      current.holders += holders;
      return current;
    }).bucket;
  }

  /**
   * One connection of {@code key} stopped using {@code bucket}, which {@link #acquire} gave it; an
   * unheld full bucket goes at once. A connection that got the overflow bucket (the map was full)
   * holds no entry: its release finds another bucket under the key, or none, and changes nothing.
   */
  void release(String key, TokenBucket bucket) {
    byKey.computeIfPresent(key, (id, shared) -> shared.bucket != bucket ? shared
        : --shared.holders <= 0 && shared.isFull() ? null : shared);
  }

  /** Drops the buckets nobody holds that are full again: what a new one would be. Called periodically. */
  void sweep() {
    for (String key : byKey.keySet()) {
      byKey.computeIfPresent(key, (id, shared) -> shared.holders <= 0 && shared.isFull() ? null : shared);
    }
  }

  /** Keys with a bucket: those held by a connection, and those used lately. */
  int size() {
    return byKey.size();
  }

  /** A bucket and how many connections hold it; changed only inside the map's compute. */
  private final class Shared {
    final TokenBucket bucket;
    int holders;

    Shared(TokenBucket bucket) {
      this.bucket = bucket;
    }

    boolean isFull() {
      return bucket.available() >= burst;
    }
  }
}
