package dev.live.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;

/**
 * What is waiting to be sent to one connection: one frame in flight at a time, the rest queued,
 * the queue bounded in characters. When it overflows, frames of subscriptions (snapshots and
 * deltas) are dropped and their subscriptions marked stale, to be sent a fresh snapshot once the
 * client catches up: a slow client gets fewer, larger updates rather than an ever longer queue.
 * If replies alone overflow it, the connection is closed.
 */
final class Outbound {
  /** A subscription whose frames may be dropped and replaced by a fresh snapshot. */
  interface Coalescible {
    void markStale();

    boolean isStale();
  }

  /** Jetty's core session: frames go out with their payload encoded already. */
  private final CoreSession session;
  private final SendScheduler sender;
  private final long maxQueued;
  private final ClientBuffers buffers;
  private final Runnable onDrained;
  private final Overflow onOverflow;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private final AtomicInteger drainers = new AtomicInteger();
  private long queued;
  private boolean sending;
  /** A drain was handed to the sender and has not run yet. */
  private boolean kicked;
  private volatile long sendingSince;
  private boolean closed;
  private final Callback sent;
  private final Runnable drainTask = this::drain;
  /** Whether {@link #roomAgainTask} waits for the client buffers to have room. */
  private boolean awaitingRoom;
  private final Runnable roomAgainTask = this::roomAgain;
  /** Counts the texts queued, for the stats. */
  private final java.util.concurrent.atomic.LongAdder sentCount;

  /** Called when replies alone exceed the bound; the connection must be closed. */
  interface Overflow {
    void overflowed(long queuedChars);
  }

  /**
   * @param sender where sending starts when the queue was idle: not on the caller's thread, which
   *     may be the engine's, delivering one change to thousands of connections
   */
  Outbound(Session session, SendScheduler sender, long maxQueued, ClientBuffers buffers, Runnable onDrained,
      Overflow onOverflow, java.util.concurrent.atomic.LongAdder sentCount) {
    this.buffers = buffers;
    this.sentCount = sentCount;
    this.session = ((WebSocketSession) session).getCoreSession();
    this.sender = sender;
    this.maxQueued = maxQueued;
    this.onDrained = onDrained;
    this.onOverflow = onOverflow;
    this.sent = Callback.from(this::sendSucceeded, failure -> close());
  }

  /** Queues {@code text}; {@code subscription} when it is a snapshot or a delta of one. */
  void send(String text, @Nullable Coalescible subscription) {
    send(new OutgoingText(text), subscription);
  }

  /** Characters waiting to be sent. */
  synchronized long queuedChars() {
    return queued;
  }

  /** Queues a text that may be shared with other connections, encoded once for all of them. */
  void send(OutgoingText text, @Nullable Coalescible subscription) {
    sentCount.increment();
    long overflow = -1;
    boolean emptiedIdle = false;
    boolean dropped;
    boolean waitForRoom = false;
    synchronized (this) {
      if (closed || (subscription != null && subscription.isStale())) {
        return; // a stale subscription gets a fresh snapshot instead
      }
      dropped = subscription != null && buffers.over();
      if (dropped) {
        // The server holds as much for its clients as it may: this subscription catches up with
        // a snapshot once the buffers have room again.
        subscription.markStale();
        coalesce();
        // No send will complete to say it drained; one wait per queue, however many drops.
        waitForRoom = queue.isEmpty() && !sending && !awaitingRoom;
        awaitingRoom |= waitForRoom;
      } else {
        queue.add(new Queued(text, subscription));
        queued += text.length();
        buffers.charge(text.length());
        if (queued > maxQueued && queue.size() > 1) {
          coalesce();
          if (queued > maxQueued && queue.size() > 1) {
            overflow = queued;
          }
          emptiedIdle = queue.isEmpty() && !sending;
        }
      }
    }
    if (dropped) {
      if (waitForRoom) {
        buffers.whenBelow(roomAgainTask);
      }
      return;
    }
    if (emptiedIdle) {
      onDrained.run(); // no send will complete to say so
      return;
    }
    if (overflow >= 0) {
      onOverflow.overflowed(overflow);
      return;
    }
    boolean idle;
    synchronized (this) {
      idle = !sending && !kicked;
      kicked |= idle;
    }
    if (idle) {
      sender.schedule(drainTask);
    }
  }

  private void coalesce() {
    for (Iterator<Queued> frames = queue.iterator(); frames.hasNext(); ) {
      Queued frame = frames.next();
      if (frame.subscription != null) {
        frame.subscription.markStale();
        queued -= frame.text.length();
        buffers.release(frame.text.length());
        frames.remove();
      }
    }
  }

  /** The client buffers have room again: the subscriptions dropped meanwhile get their snapshots. */
  private void roomAgain() {
    synchronized (this) {
      awaitingRoom = false;
    }
    onDrained.run();
  }

  /** Sends queued frames one at a time; a send completing on this thread continues the loop, not a recursion. */
  private void drain() {
    if (drainers.getAndIncrement() != 0) {
      return;
    }
    do {
      Queued next = null;
      synchronized (this) {
        kicked = false;
        if (!sending && !closed && !queue.isEmpty()) {
          next = queue.poll();
          queued -= next.text.length();
          buffers.release(next.text.length());
          sending = true;
          sendingSince = System.nanoTime();
        }
      }
      if (next != null) {
        try {
          session.sendFrame(new Frame(OpCode.TEXT, next.text.payload()), sent, false);
        } catch (RuntimeException e) {
          close(); // the connection is broken; its close or the write timeout ends it
          drainers.set(0);
          return;
        }
      }
    } while (drainers.decrementAndGet() != 0);
  }

  private void sendSucceeded() {
    boolean empty;
    synchronized (this) {
      sending = false;
      sendingSince = 0;
      empty = queue.isEmpty();
    }
    if (empty) {
      onDrained.run();
    }
    drain();
  }

  /** When the frame in flight was handed to the connection, in {@link System#nanoTime()}; 0 when none is. */
  long sendingSince() {
    return sendingSince;
  }

  /** Drops what waits; nothing more is sent. */
  void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
      buffers.release(queued);
      queued = 0;
    }
  }

  private record Queued(OutgoingText text, @Nullable Coalescible subscription) {}
}
