package dev.live.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Cuts off a request body that arrives slower than {@link ServerOptions#minRequestDataRate()} on
 * average, after a grace period: a client trickling a byte every few seconds would otherwise hold
 * a thread blocked in the read for as long as it likes. (Jetty 12's core server does not enforce
 * {@code HttpConfiguration}'s minimum data rate; only its servlet layer did.) The check runs on
 * Jetty's scheduler; closing the endpoint ends the blocked read with an {@code IOException}.
 */
final class BodyRate implements AutoCloseable {
  private static final long CHECK_MILLIS = 500;

  private final Scheduler scheduler;
  private final EndPoint endPoint;
  private final long minBytesPerSecond;
  private final long graceNanos;
  private final long start = System.nanoTime();
  private final AtomicLong read = new AtomicLong();
  private volatile boolean done;
  private volatile Scheduler.Task next;

  BodyRate(Scheduler scheduler, EndPoint endPoint, long minBytesPerSecond, long graceNanos) {
    this.scheduler = scheduler;
    this.endPoint = endPoint;
    this.minBytesPerSecond = minBytesPerSecond;
    this.graceNanos = graceNanos;
    schedule();
  }

  /** Counts {@code bytes} more of the body as read. */
  void read(long bytes) {
    read.addAndGet(bytes);
  }

  private void schedule() {
    next = scheduler.schedule(this::check, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (done) {
      return;
    }
    long elapsed = System.nanoTime() - start;
    if (elapsed > graceNanos) {
      double seconds = (elapsed - graceNanos) / 1e9;
      if (read.get() < minBytesPerSecond * seconds) {
        endPoint.close();
        return;
      }
    }
    schedule();
  }

  @Override
  public void close() {
    done = true;
    Scheduler.Task pending = next;
    if (pending != null) {
      pending.cancel();
    }
  }
}
