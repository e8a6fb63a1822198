package dev.live.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts sends to connections whose queue was idle, on a few threads of its own, so that the
 * engine delivering one change to thousands of connections only queues: it never writes to a
 * socket. Cheaper per connection than a thread pool's task hand-off (no lock, and a sender thread
 * is woken only when one is parked).
 */
final class SendScheduler implements AutoCloseable {
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final ConcurrentLinkedQueue<Runnable> ready = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
  private final Thread[] threads;
  private volatile boolean closed;

  /**
   * {@code onDeath} hears of what ends a sender thread: an {@code Error} (a failed send's exception
   * is logged and the thread goes on), after which connections it would have served wait forever.
   */
  SendScheduler(int threadCount, Thread.UncaughtExceptionHandler onDeath) {
    threads = new Thread[threadCount];
    for (int i = 0; i < threadCount; i++) {
      threads[i] = new Thread(this::run, "live-sender-" + (i + 1));
      threads[i].setDaemon(true);
      threads[i].setUncaughtExceptionHandler(onDeath);
      threads[i].start();
    }
  }

  /** Runs {@code drain} on a sender thread soon. */
  void schedule(Runnable drain) {
    ready.offer(drain);
    Thread sleeper = parked.poll();
    if (sleeper != null) {
      LockSupport.unpark(sleeper);
    }
  }

  private void run() {
    Thread self = Thread.currentThread();
    while (!closed) {
      Runnable drain = ready.poll();
      if (drain != null) {
        try {
          drain.run();
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(SendScheduler.class).warn("a send failed to start", e);
        }
        continue;
      }
      parked.offer(self);
      if (ready.isEmpty() && !closed) {
        // Bounded, so that a wake-up lost between the check and the park costs at most this.
        LockSupport.parkNanos(this, PARK_NANOS);
      }
      parked.remove(self);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread thread : threads) {
      LockSupport.unpark(thread);
    }
  }
}
