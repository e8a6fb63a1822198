package dev.live.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnect attempts: exponential from {@code initial}, capped at {@code max},
 * each drawn at random between half and all of it, so that many clients dropped at once by one
 * server restart do not come back at the same moment. Which step an attempt is at is the {@link
 * NodeList}'s to say: it steps once per round over the nodes.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;

  Backoff(Duration initial, Duration max) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
  }

  /** The delay at {@code step} (0 for the first): {@code initial × 2^step}, capped, with jitter. */
  long delayMillis(int step) {
    long ceiling = initialMillis << Math.min(Math.max(step, 0), 30);
    if (ceiling <= 0 || ceiling > maxMillis) {
      ceiling = maxMillis;
    }
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
