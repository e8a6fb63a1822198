package dev.live.benchmarks.board;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Write → subscriber latencies: each write against the first delta of its node's probe that
 * reaches the write's version ({@link PageListener#arrivalFor}), in microseconds.
 */
final class Latencies {
  private Latencies() {}

  /** Waits up to {@code seconds} for every write's delta to have arrived; how many have not. */
  static int awaitDeltas(List<BoardLoad.Write> writes, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int missing;
    do {
      missing = 0;
      for (BoardLoad.Write write : writes) {
        if (write.probe().arrivalFor(write.version()) < 0) {
          missing++;
        }
      }
      if (missing > 0) {
        Thread.sleep(50);
      }
    } while (missing > 0 && System.nanoTime() < end);
    return missing;
  }

  /** The latencies of the writes whose delta arrived. */
  static Histogram of(List<BoardLoad.Write> writes) {
    Histogram histogram = new Histogram(3);
    for (BoardLoad.Write write : writes) {
      long arrived = write.probe().arrivalFor(write.version());
      if (arrived >= 0) {
        histogram.recordValue(Math.max(0, (arrived - write.startNanos()) / 1_000));
      }
    }
    return histogram;
  }
}
