package dev.live.benchmarks.storage;

import dev.live.benchmarks.codec.TodoInsert;
import dev.live.benchmarks.server.Todos;
import dev.live.procedure.DataAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Threads inserting todos as fast as they can, each insert (or batch) in a transaction of its own,
 * for a warm-up and then a measured window. Ids come from one counter, so they never repeat.
 */
final class InsertLoad {
  /** A bound on the rows of one measurement, far above what a window reaches, so no loop runs unbounded. */
  private static final long MAX_ROWS = 50_000_000;

  private final DataAccess data;
  private final int threads;
  private final int batch;
  private final AtomicLong nextId = new AtomicLong();
  private final LongAdder rows = new LongAdder();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stop;

  /** {@code batch} 1 is a single-row {@code insert}; more is an {@code insertAll} of that many rows. */
  InsertLoad(DataAccess data, int threads, int batch) {
    this.data = data;
    this.threads = threads;
    this.batch = batch;
  }

  /** Rows committed per second over {@code window}, after {@code warmUp}. */
  double rowsPerSecond(Duration warmUp, Duration window) throws InterruptedException {
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer = new Thread(this::write, "insert-load-" + t);
      writers.add(writer);
      writer.start();
    }
    Thread.sleep(warmUp.toMillis());
    long rowsBefore = rows.sum();
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long rowsAfter = rows.sum();
    long elapsed = System.nanoTime() - start;
    boolean capped = nextId.get() >= MAX_ROWS;
    stop = true;
    long joinBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Thread writer : writers) {
      writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
      if (writer.isAlive()) {
        throw new IllegalStateException(writer.getName() + " did not stop within 30 s of the window's end");
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an insert failed", failure.get());
    }
    if (capped) {
      throw new IllegalStateException("the load reached its bound of " + MAX_ROWS + " rows before the window ended");
    }
    return (rowsAfter - rowsBefore) / (elapsed / 1e9);
  }

  private void write() {
    try {
      while (!stop) {
        long first = nextId.getAndAdd(batch);
        if (first >= MAX_ROWS) {
          return;
        }
        if (batch == 1) {
          data.insert(Todos.insert("r" + first, "bench"));
        } else {
          List<TodoInsert> rowsOfBatch = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            rowsOfBatch.add(Todos.insert("r" + (first + i), "bench"));
          }
          data.insertAll(rowsOfBatch);
        }
        rows.add(batch);
      }
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
      stop = true;
    }
  }
}
