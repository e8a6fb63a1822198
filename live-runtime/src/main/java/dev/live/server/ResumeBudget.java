package dev.live.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters of delta text one client's {@link ResumeLog}s may keep together ({@link
 * ServerOptions#resumeBufferBytes()}): shared by the client's subscriptions, on its connection
 * and while they wait for it to reconnect, so that resuming costs a bounded amount per client.
 */
final class ResumeBudget {
  private final long limit;
  private final AtomicLong spent = new AtomicLong();

  ResumeBudget(long limit) {
    this.limit = limit;
  }

  void spend(long chars) {
    spent.addAndGet(chars);
  }

  void release(long chars) {
    spent.addAndGet(-chars);
  }

  boolean exceeded() {
    return spent.get() > limit;
  }

  long spent() {
    return spent.get();
  }
}
