package dev.live.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the server counts for its stats endpoint and metrics: messages in and out, applied
 * mutations, and how long requests take to process. Counting is a {@link LongAdder} increment
 * or a histogram record on the hot path; rates and percentiles are worked out once a second by
 * {@link #tick}, over the last {@value #WINDOW_SECONDS} seconds.
 */
final class ServerMetrics {
  static final int WINDOW_SECONDS = 10;
  private static final long MAX_TRACKED_MICROS = TimeUnit.MINUTES.toMicros(10);

  final LongAdder messagesIn = new LongAdder();
  final LongAdder messagesOut = new LongAdder();
  final LongAdder mutations = new LongAdder();
  /** Transactions of grouped mutations committed ({@link GroupCommit}): mutations per group is the ratio. */
  final LongAdder mutationGroups = new LongAdder();
  private final Recorder processing = new Recorder(MAX_TRACKED_MICROS, 3);
  private final Deque<Window> windows = new ArrayDeque<>();
  private volatile Rates rates = new Rates(0, 0, 0, 0, 0, 0);

  ServerMetrics() {
    // The start, with nothing counted yet: the first second's traffic is measured against it.
    windows.addLast(new Window(System.nanoTime(), 0, 0, 0, new Histogram(MAX_TRACKED_MICROS, 3)));
  }

  /** The figures of the last window: per-second rates and processing-time percentiles (µs). */
  record Rates(double messagesInPerSecond, double messagesOutPerSecond, double mutationsPerSecond,
      long processingP50Micros, long processingP99Micros, long processingMaxMicros) {}

  /** One second's counts and processing times. */
  private record Window(long nanos, long in, long out, long mutations, Histogram processing) {}

  /** Records one request's processing time. */
  void processed(long nanos) {
    processing.recordValue(Math.min(MAX_TRACKED_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
  }

  /** Closes the current second; called once a second by the server's timer. */
  synchronized void tick() {
    windows.addLast(new Window(System.nanoTime(), messagesIn.sum(), messagesOut.sum(), mutations.sum(),
        processing.getIntervalHistogram()));
    while (windows.size() > WINDOW_SECONDS + 1) {
      windows.removeFirst();
    }
    Window first = windows.getFirst();
    Window last = windows.getLast();
    double seconds = Math.max(1e-9, (last.nanos() - first.nanos()) / 1e9);
    Histogram all = new Histogram(MAX_TRACKED_MICROS, 3);
    boolean skipFirst = windows.size() > 1; // the first window's times belong to the second before the span
    for (Window window : windows) {
      if (skipFirst) {
        skipFirst = false;
        continue;
      }
      all.add(window.processing());
    }
    boolean span = windows.size() > 1;
    rates = new Rates(
        span ? (last.in() - first.in()) / seconds : 0,
        span ? (last.out() - first.out()) / seconds : 0,
        span ? (last.mutations() - first.mutations()) / seconds : 0,
        all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(50),
        all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(99),
        all.getTotalCount() == 0 ? 0 : all.getMaxValue());
  }

  Rates rates() {
    return rates;
  }
}
