package dev.live.benchmarks.server;

import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Counts the rows a subscription receives through inserts, and opens {@link #done} once it has
 * received as many as expected: how the scaling benchmarks know every write reached the hot query.
 */
public final class InsertCounter implements SubscriptionListener {
  /** Rows received through inserts so far. */
  public final AtomicInteger rows = new AtomicInteger();
  /** Open once {@code expected} rows came. */
  public final CountDownLatch done;

  public InsertCounter(int expected) {
    this.done = new CountDownLatch(expected);
  }

  /**
   * Runs {@code insert(i)} for i from 0 to this counter's expected count, from 4 threads, and
   * waits (2 min at most) until every inserted row reached this counter's subscription: the
   * microseconds per insert, from the first write to the last row's delivery.
   */
  public double timeInserts(IntConsumer insert) throws InterruptedException {
    int writes = (int) done.getCount();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread writer = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < writes; i = next.getAndIncrement()) {
          insert.accept(i);
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the hot subscriber received " + rows.get() + " of " + writes);
    }
    return (System.nanoTime() - start) / 1_000.0 / writes;
  }

  @Override
  public void snapshot(long version, String rows) {}

  @Override
  public void delta(long fromVersion, long toVersion, String changes) {
    int inserts = count(changes, "\"op\":\"insert\"");
    rows.addAndGet(inserts);
    for (int i = 0; i < inserts; i++) {
      done.countDown();
    }
  }

  @Override
  public void failed(LiveException error) {
    throw new IllegalStateException(error);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
