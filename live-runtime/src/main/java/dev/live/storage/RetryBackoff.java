package dev.live.storage;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts to reach the database again: doubling from {@code initialMillis} up to
 * {@code maxMillis}, each drawn at random between half and all of it, so that the nodes a database
 * restart cut off do not all come back in the same instant. Not thread-safe: one per thread.
 */
final class RetryBackoff {
  private final long initialMillis;
  private final long maxMillis;
  private int attempts;

  RetryBackoff(long initialMillis, long maxMillis) {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException("a backoff goes from 1 ms or more up to at least that, not "
          + initialMillis + " to " + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
  }

  /** The delay before the next attempt. */
  long nextMillis() {
    long ceiling = initialMillis << Math.min(attempts, 30);
    if (ceiling <= 0 || ceiling > maxMillis) {
      ceiling = maxMillis;
    }
    attempts++;
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** An attempt succeeded: the next failure starts from the initial delay again. */
  void reset() {
    attempts = 0;
  }
}
