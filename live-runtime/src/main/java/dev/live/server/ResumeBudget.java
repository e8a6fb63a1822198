package dev.live.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters of delta text one client's {@link ResumeLog}s may keep together ({@link
 * ServerOptions#resumeBufferBytes()}): shared by the client's subscriptions, on its connection
 * and while they wait for it to reconnect, so that resuming costs a bounded amount per client.
 */
final class ResumeBudget {
  private final long limit;
  private final ClientBuffers buffers;
  private final AtomicLong spent = new AtomicLong();

  /** @param buffers what all clients' buffers hold, which this budget's spending counts in too */
  ResumeBudget(long limit, ClientBuffers buffers) {
    this.limit = limit;
    this.buffers = buffers;
  }

  void spend(long chars) {
    spent.addAndGet(chars);
    buffers.charge(chars);
  }

  void release(long chars) {
    spent.addAndGet(-chars);
    buffers.release(chars);
  }

  /** Whether the client's logs hold more than its share, or all clients' buffers more than logs may fill. */
  boolean exceeded() {
    return spent.get() > limit || buffers.overResumeShare();
  }

  long spent() {
    return spent.get();
  }
}
