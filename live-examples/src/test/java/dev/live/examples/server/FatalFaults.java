package dev.live.examples.server;

import dev.live.server.Middleware;
import dev.live.storage.StatementObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fault injection for the fatal-error tests, through the server's public hooks: an {@link
 * OutOfMemoryError} on the change tail (thrown by the statement observer when the tail reads the
 * change log) or on a worker (thrown by a middleware, as a procedure would), once armed. Each fires
 * once.
 */
final class FatalFaults {
  private final AtomicBoolean tail = new AtomicBoolean();
  private final AtomicBoolean worker = new AtomicBoolean();

  /** The next statement the change tail runs throws. */
  void armTail() {
    tail.set(true);
  }

  /** The next procedure call or mutation a worker runs throws. */
  void armWorker() {
    worker.set(true);
  }

  StatementObserver observer() {
    return sql -> {
      if (Thread.currentThread().getName().startsWith("live-change-tail") && tail.compareAndSet(true, false)) {
        throw new OutOfMemoryError("test: the change tail");
      }
    };
  }

  Middleware middleware() {
    return (invocation, next) -> {
      if (worker.compareAndSet(true, false)) {
        throw new OutOfMemoryError("test: a procedure");
      }
      return next.proceed();
    };
  }
}
