package dev.live.examples.engine;

import dev.live.storage.StatementObserver;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Slows the engine's own threads at random before their statements: its reader ({@code
 * live-engine-reader}) pauses for up to a millisecond and its change tail ({@code
 * live-change-tail-N}) for up to three before some of the statements they prepare, so that reads
 * of storage, the tail's reads of the change log and the writes of a test interleave in more ways
 * than an idle machine shows: in particular, the tail lags behind the log while the reader reads.
 * Other threads (the test's writes, a subscriber's first read) run as they are.
 */
final class EngineJitter implements StatementObserver {
  private final double chance;

  EngineJitter(double chance) {
    this.chance = chance;
  }

  @Override
  public void onStatement(String sql) {
    String thread = Thread.currentThread().getName();
    long most = thread.equals("live-engine-reader") ? 1_000_000 : thread.startsWith("live-change-tail-") ? 3_000_000 : 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (most > 0 && random.nextDouble() < chance) {
      LockSupport.parkNanos(random.nextLong(50_000, most));
    }
  }
}
