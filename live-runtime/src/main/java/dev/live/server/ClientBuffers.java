package dev.live.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters the server holds for all clients together ({@link
 * ServerOptions#clientBufferBytes()}): requests received and not yet answered, texts waiting in
 * outbound queues, and deltas kept in resume logs. Per-client bounds keep one client from taking
 * much; this one keeps ten thousand clients, each within its own bound, from taking the heap.
 *
 * <p>Texts shared by several connections are charged to each: the count is an upper bound of what
 * the buffers hold. Over the limit, each holder gives way in its own manner: outbound queues drop
 * subscription frames (their subscriptions get a fresh snapshot later), resume logs keep nothing
 * new (they stopped at {@linkplain #overResumeShare half} of it already), the oldest parked
 * subscriptions are ended, and connections stop reading until the total
 * falls, when they are {@linkplain #whenBelow woken}.
 */
final class ClientBuffers {
  private final long limit;
  private final AtomicLong held = new AtomicLong();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.Executor wakers;

  /**
   * @param wakers where the waiters run once there is room: never the releasing thread, which may
   *     hold a connection's, a queue's or the engine's lock, while a waiter takes its own
   */
  ClientBuffers(long limit, java.util.concurrent.Executor wakers) {
    this.limit = limit;
    this.wakers = wakers;
  }

  void charge(long chars) {
    held.addAndGet(chars);
  }

  void release(long chars) {
    if (held.addAndGet(-chars) <= limit && !waiting.isEmpty()) {
      wake();
    }
  }

  /** Whether the buffers hold more than the limit. */
  boolean over() {
    return held.get() > limit;
  }

  /**
   * Whether the buffers hold more than resume logs may fill: half the limit. What dropped clients
   * may need later yields to what connected clients need now: resume logs keep nothing new past
   * half, so that they alone never bring the buffers to the limit, where every subscription's
   * frames would be dropped for a later snapshot and connections would stop reading.
   */
  boolean overResumeShare() {
    return held.get() > limit / 2;
  }

  long held() {
    return held.get();
  }

  long limit() {
    return limit;
  }

  /**
   * Runs {@code resume} once the total is at or below the limit: at once if it is now. For a
   * connection that stopped reading: its own requests may all be answered already, so nothing
   * else would wake it.
   */
  void whenBelow(Runnable resume) {
    waiting.add(resume);
    if (!over()) {
      wake();
    }
  }

  private void wake() {
    Runnable next;
    while (!over() && (next = waiting.poll()) != null) {
      try {
        wakers.execute(next);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        return; // the server is stopping: nobody waits for room any more
      }
    }
  }
}
