package dev.live.benchmarks.board;

import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One subscriber of a board page: counts its deltas, as a connection's listener would queue
 * them. The probe of a node (one subscriber per node) also logs when each delta arrived and the
 * version it brings the result to ({@code toVersion}), so that a write of version v is matched
 * to the first delta of its node with {@code toVersion >= v}: deltas of one subscription come in
 * version order, each covering whole transactions, so that is the delta that first shows the write.
 */
final class PageListener implements SubscriptionListener {
  private final AtomicReference<LiveException> failure;
  private long deltas;
  /** For a probe: the arrivals, {@code toVersion} and {@code System.nanoTime()}; null otherwise. */
  private long[] versions;
  private long[] nanos;
  private int size;

  PageListener(boolean probe, AtomicReference<LiveException> failure) {
    this.failure = failure;
    if (probe) {
      versions = new long[16];
      nanos = new long[16];
    }
  }

  @Override
  public void snapshot(long version, String rows) {}

  @Override
  public synchronized void delta(long fromVersion, long toVersion, String changes) {
    long now = System.nanoTime();
    deltas++;
    if (versions != null) {
      if (size == versions.length) {
        versions = Arrays.copyOf(versions, size * 2);
        nanos = Arrays.copyOf(nanos, size * 2);
      }
      versions[size] = toVersion;
      nanos[size] = now;
      size++;
    }
  }

  @Override
  public void failed(LiveException error) {
    failure.compareAndSet(null, error);
  }

  synchronized long deltas() {
    return deltas;
  }

  /** When the first delta reaching {@code version} arrived ({@code System.nanoTime()}), or -1 if none has yet. */
  synchronized long arrivalFor(long version) {
    int low = 0;
    int high = size;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (versions[middle] >= version) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low < size ? nanos[low] : -1;
  }

  /** Forgets the arrivals logged so far (between phases), keeping a small log. */
  synchronized void forget() {
    if (versions != null) {
      versions = new long[16];
      nanos = new long[16];
      size = 0;
    }
  }
}
