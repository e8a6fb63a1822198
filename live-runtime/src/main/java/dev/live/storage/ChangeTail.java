package dev.live.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link ChangeFeed#tail}: a thread that follows the change log. Close it to stop. An
 * {@code Error} anywhere on the thread (reading the log, or in the listener) stops it and is handed
 * to the tail's error handler: what comes after a batch that failed half-way cannot be trusted.
 */
public final class ChangeTail implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeTail.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ChangeFeed feed;
  private final Consumer<List<Change>> listener;
  private final Consumer<? super Throwable> onError;
  private final int batchSize;
  private final long pollMillis;
  private final Thread thread;
  private final Object signal = new Object();
  private volatile long position;
  private volatile boolean closed;
  private boolean woken;

  ChangeTail(ChangeFeed feed, long afterVersion, Consumer<List<Change>> listener, Consumer<? super Throwable> onError,
      int batchSize, Duration pollInterval) {
    this.feed = feed;
    this.listener = listener;
    this.onError = onError;
    this.batchSize = batchSize;
    this.pollMillis = pollInterval.toMillis();
    this.position = afterVersion;
    this.thread = new Thread(this::run, "live-change-tail-" + THREADS.incrementAndGet());
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether the tail still follows the log: not closed, and not stopped by an {@code Error}. */
  public boolean isRunning() {
    return !closed && thread.isAlive();
  }

  /** The version of the last change delivered (or the starting version). */
  public long position() {
    return position;
  }

  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Stops the thread; waits up to a few seconds for a delivery in progress to finish. */
  @Override
  public void close() {
    closed = true;
    wake();
    feed.closed(this);
    if (Thread.currentThread() != thread) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      follow();
    } catch (RuntimeException | Error e) { // nothing else ends the loop but close
      closed = true;
      feed.closed(this);
      // Handed on before logging: logging allocates, and the error may be an OutOfMemoryError.
      try {
        onError.accept(e);
      } finally {
        log.error("the change tail stops after an error, at version {}", position, e);
      }
    }
  }

  private void follow() {
    while (!closed) {
      ChangeLog.Page page;
      try {
        page = feed.page(position, batchSize);
      } catch (RuntimeException e) {
        log.warn("reading the change log failed; trying again in {} ms", pollMillis, e);
        await();
        continue;
      }
      List<Change> batch = wholeTransactions(page);
      if (batch.isEmpty()) {
        if (page.scannedTo() > position) {
          position = page.scannedTo(); // only changes of collections the schema no longer has
        } else {
          await();
        }
        continue;
      }
      try {
        listener.accept(batch);
      } catch (RuntimeException e) {
        // The listener owns its errors; stopping here would stall every later change.
        log.error("a change listener failed on versions {} to {}", batch.get(0).version(),
            batch.get(batch.size() - 1).version(), e);
      }
      position = batch.get(batch.size() - 1).version();
    }
  }

  /** The page's changes cut after the last transaction they hold whole, if they hold one. */
  private static List<Change> wholeTransactions(ChangeLog.Page page) {
    List<Change> batch = page.changes();
    if (!page.full() || batch.isEmpty() || batch.get(batch.size() - 1).endsTransaction()) {
      return batch;
    }
    for (int i = batch.size() - 1; i >= 0; i--) {
      if (batch.get(i).endsTransaction()) {
        return batch.subList(0, i + 1);
      }
    }
    return batch;
  }

  private void await() {
    synchronized (signal) {
      if (!woken && !closed) {
        try {
          signal.wait(pollMillis);
        } catch (InterruptedException e) {
          closed = true;
          Thread.currentThread().interrupt();
        }
      }
      woken = false;
    }
  }
}
