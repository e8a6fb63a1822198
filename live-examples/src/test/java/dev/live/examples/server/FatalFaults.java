package dev.live.examples.server;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.server.Middleware;
import dev.live.storage.StatementObserver;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fault injection for the fatal-error tests, through the server's public hooks: an {@link
 * OutOfMemoryError} on the change tail (thrown by the statement observer when the tail reads the
 * change log), on a worker (thrown by a middleware, as a procedure would) or on a Jetty thread
 * (thrown by the authenticator), once armed. Each fires once.
 */
final class FatalFaults {
  private final AtomicBoolean tail = new AtomicBoolean();
  private final AtomicBoolean worker = new AtomicBoolean();
  private final AtomicBoolean upgrade = new AtomicBoolean();

  /** The next statement the change tail runs throws. */
  void armTail() {
    tail.set(true);
  }

  /** The next procedure call or mutation a worker runs throws. */
  void armWorker() {
    worker.set(true);
  }

  /** The next WebSocket upgrade's authentication, on a Jetty thread, throws. */
  void armUpgrade() {
    upgrade.set(true);
  }

  Authenticator authenticator() {
    return handshake -> {
      if (upgrade.compareAndSet(true, false)) {
        throw new OutOfMemoryError("test: an authenticator");
      }
      return AuthContext.anonymous();
    };
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
