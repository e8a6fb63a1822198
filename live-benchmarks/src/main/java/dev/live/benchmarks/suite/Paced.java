package dev.live.benchmarks.suite;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A stream of writes at a fixed rate: the n-th call of {@code action} is scheduled at {@code
 * start + n / rate}, on a scheduler of a few threads of its own (named {@code name-N}), so a slow
 * write delays neither the schedule nor the writes after it. Bounded in count ({@code rate ×
 * duration} calls) and in time: {@link #await} gives up a minute after the last one was due. A
 * call that throws fails the stream; the first failure is rethrown by {@link #await}.
 */
public final class Paced {
  private static final Duration GRACE = Duration.ofSeconds(60);

  private final String name;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Duration duration;
  private final int count;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();

  private Paced(String name, int threads, double rate, Duration duration, IntConsumer action) {
    this.name = name;
    this.duration = duration;
    this.count = (int) Math.round(rate * duration.toNanos() / 1e9);
    AtomicInteger threadNumber = new AtomicInteger();
    this.scheduler = new ScheduledThreadPoolExecutor(threads, task -> {
      Thread thread = new Thread(task, name + "-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    long interval = Math.round(1e9 / rate);
    for (int i = 0; i < count; i++) {
      int n = i;
      scheduler.schedule(() -> {
        try {
          action.accept(n);
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, e);
        }
      }, n * interval, TimeUnit.NANOSECONDS);
    }
    scheduler.shutdown(); // runs what is scheduled, then ends
  }

  /** Starts calling {@code action} {@code rate} times a second for {@code duration}, from now. */
  public static Paced start(String name, int threads, double rate, Duration duration, IntConsumer action) {
    if (rate <= 0 || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a paced stream needs a positive rate and duration");
    }
    return new Paced(name, threads, rate, duration, action);
  }

  /** How many calls the stream makes. */
  public int count() {
    return count;
  }

  /** Waits for every call to have run; rethrows the first failure. */
  public void await() throws InterruptedException {
    if (!scheduler.awaitTermination(duration.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
      scheduler.shutdownNow();
      throw new IllegalStateException(name + ": the writes were not done a minute after the last was due");
    }
    RuntimeException failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException(name + ": " + failures.get() + " of " + count + " writes failed", failure);
    }
  }

  /** Stops the calls not yet started (when a run fails elsewhere). */
  public void cancel() {
    scheduler.shutdownNow();
  }
}
