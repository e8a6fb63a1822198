package dev.live.benchmarks.server;

import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

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
