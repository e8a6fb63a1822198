package dev.live.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: exponential from {@code initial}, capped at {@code max},
 * each drawn at random between half and all of it, so that many clients dropped at once by one
 * server restart do not come back at the same moment.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private int attempts;

  Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
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

  /** A connection succeeded: the next drop starts from the initial delay again. */
  void reset() {
    attempts = 0;
  }
}
