package dev.live.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bytes each writer may still store in one collection: a token bucket in bytes per writer,
 * holding at most one minute's allowance and refilling continuously at {@code bytesPerMinute}.
 *
 * <p>A write is checked against what is {@link #available} and {@linkplain #charge charged} only
 * once it commits, so that a write that rolls back, or runs again after a conflict, costs
 * nothing. Writes of one writer committing at the same time may each pass the check and together
 * overdraw the allowance: the charge is taken all the same, and the writer owes it (the allowance
 * goes below zero) until the refill repays it. The rate over time is kept exactly; a moment's
 * overdraft is bounded by what the writer's concurrent requests write at once.
 *
 * <p>As in {@link TokenBucket}, a writer's whole state is one number, the instant its allowance is
 * full again. A full allowance is what a new one would be, so it is dropped; an allowance is full
 * one minute at most after its last charge. Beyond {@code maxWriters} writers, new ones share one
 * overflow allowance, so the map stays bounded whatever the number of users or addresses.
 */
final class ByteAllowances {
  private static final double NANOS_PER_MINUTE = 60e9;
  /** How often idle full allowances are dropped while there is room for new writers. */
  private static final long SWEEP_NANOS = 60_000_000_000L;
  /** How often at most they are dropped when the map is full, so a flood of writers cannot make every charge a sweep. */
  private static final long FULL_SWEEP_NANOS = 1_000_000_000L;

  private final long bytesPerMinute;
  private final double nanosPerByte;
  private final int maxWriters;
  private final LongSupplier clock;
  /** Writer → when its allowance is full again (a nanosecond clock reading). */
  private final Map<String, Long> fullAt = new ConcurrentHashMap<>();
  private final AtomicLong overflowFullAt;
  private final AtomicLong lastSweep;

  /** {@code clock}: a nanosecond clock such as {@code System::nanoTime}; only differences matter. */
  ByteAllowances(long bytesPerMinute, int maxWriters, LongSupplier clock) {
    this.bytesPerMinute = bytesPerMinute;
    this.nanosPerByte = NANOS_PER_MINUTE / bytesPerMinute;
    this.maxWriters = maxWriters;
    this.clock = clock;
    long now = clock.getAsLong();
    this.overflowFullAt = new AtomicLong(now);
    this.lastSweep = new AtomicLong(now);
  }

  long bytesPerMinute() {
    return bytesPerMinute;
  }

  /** The bytes {@code writer} may store now: at most a minute's allowance, below zero while it owes. */
  long available(String writer) {
    Long full = fullAt.get(writer);
    if (full == null) {
      return fullAt.size() >= maxWriters ? availableAt(overflowFullAt.get()) : bytesPerMinute;
    }
    return availableAt(full);
  }

  /** Seconds, rounded up, until {@code writer} has {@code bytes} available (0 if it has now). */
  long secondsUntil(String writer, long bytes) {
    long missing = bytes - available(writer);
    return missing <= 0 ? 0 : (long) Math.ceil(missing * nanosPerByte / 1e9);
  }

  /** Takes {@code bytes} that {@code writer} stored, whatever it has left. */
  void charge(String writer, long bytes) {
    long now = clock.getAsLong();
    long cost = (long) Math.ceil(bytes * nanosPerByte);
    if (!fullAt.containsKey(writer) && fullAt.size() >= maxWriters) {
      sweepIfDue(now, FULL_SWEEP_NANOS);
      if (fullAt.size() >= maxWriters) {
        overflowFullAt.updateAndGet(full -> later(full, now) + cost);
        return;
      }
    }
    // compute is atomic per key: a sweep cannot drop the entry between reading and charging it.
    fullAt.compute(writer, (key, full) -> (full == null ? now : later(full, now)) + cost);
    sweepIfDue(now, SWEEP_NANOS);
  }

  /** Writers tracked now: those that stored something lately, at most {@code maxWriters}. */
  int size() {
    return fullAt.size();
  }

  private long availableAt(long full) {
    long owedNanos = Math.max(0, full - clock.getAsLong()); // compared as a difference: readings may wrap
    return bytesPerMinute - (long) Math.ceil(owedNanos / nanosPerByte);
  }

  private static long later(long full, long now) {
    return full - now > 0 ? full : now;
  }

  private void sweepIfDue(long now, long every) {
    long last = lastSweep.get();
    if (now - last >= every && lastSweep.compareAndSet(last, now)) {
      for (String writer : fullAt.keySet()) {
        fullAt.computeIfPresent(writer, (key, full) -> full - now <= 0 ? null : full);
      }
    }
  }
}
