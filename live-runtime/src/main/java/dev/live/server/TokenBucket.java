package dev.live.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code burst} tokens, gains {@code perSecond} of them each second,
 * and each {@link #tryTake()} takes one if there is one. Thread-safe and lock-free, so a reading
 * thread never waits on it.
 *
 * <pre>{@code
 * TokenBucket bucket = new TokenBucket(100, 200, System::nanoTime);
 * if (!bucket.tryTake()) {
 *   // over the rate: refuse
 * }
 * }</pre>
 *
 * <p>The whole state is one number, the instant at which the bucket is full again (tokens refill
 * at one per {@code 1 s / perSecond}), so a take is one compare-and-set and two threads can never
 * both take the last token. A refused take changes nothing: the bucket never goes below empty.
 */
final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long nanosPerToken;
  private final long capacityNanos;
  private final LongSupplier clock;
  /** When the bucket holds {@code burst} tokens again; at or before now means it is full. */
  private final AtomicLong fullAt;

  /**
   * @param perSecond tokens gained per second, from 1 to 1,000,000,000
   * @param burst the most tokens the bucket holds (it starts full), at least 1
   * @param clock a nanosecond clock such as {@code System::nanoTime}; only differences of its
   *     readings matter
   */
  TokenBucket(int perSecond, int burst, LongSupplier clock) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("a token bucket gains at least 1 token per second, not " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("a token bucket holds at least 1 token, not " + burst);
    }
    this.nanosPerToken = NANOS_PER_SECOND / perSecond;
    this.capacityNanos = nanosPerToken * burst; // at most 1e9 * (2^31 - 1), far from overflowing
    this.clock = clock;
    this.fullAt = new AtomicLong(clock.getAsLong());
  }

  /** Takes a token if the bucket has one; false, and nothing taken, if it is empty. */
  boolean tryTake() {
    long now = clock.getAsLong();
    while (true) {
      long full = fullAt.get();
      // Compared as differences: nanoTime readings may wrap around.
      long from = full - now > 0 ? full : now;
      long next = from + nanosPerToken;
      if (next - now > capacityNanos) {
        return false;
      }
      if (fullAt.compareAndSet(full, next)) {
        return true;
      }
    }
  }

  /** Whole tokens in the bucket now: from 0 to {@code burst}. */
  long available() {
    long missing = Math.max(0, fullAt.get() - clock.getAsLong());
    return Math.max(0, capacityNanos - missing) / nanosPerToken; // a clock that went back would make it negative
  }
}
