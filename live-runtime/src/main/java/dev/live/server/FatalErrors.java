package dev.live.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every fatal error of one running server goes ({@link FatalErrorPolicy}): the uncaught
 * exception handler of each thread the server starts, and the catch of every {@code Error} its
 * code sees on other threads (Jetty's). The first report marks the server failed (health is red
 * from then on) and wakes a thread started in advance, which closes the connections and then ends
 * the process or stops the server.
 *
 * <p>An {@link OutOfMemoryError} may strike where allocating anything fails, so reporting
 * allocates nothing (a compare-and-set and a latch), and the threads that act on it exist from
 * the start. With {@link FatalErrorPolicy.ExitProcess}, a second such thread halts the process
 * {@link #HALT_AFTER_SECONDS} after the error whatever the first one is stuck on.
 *
 * <p>The JVM's default uncaught exception handler is left alone: it belongs to the application.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(FatalErrors.class);
  /** The longest from a fatal error to the process's end, shutdown hooks included. */
  static final long HALT_AFTER_SECONDS = 10;

  private final FatalErrorPolicy policy;
  private final Runnable closeConnections;
  private final Runnable stopServer;
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private volatile Thread failedOn;
  private volatile boolean closed;
  private final CountDownLatch fired = new CountDownLatch(1);
  private final Thread stopper;
  private final Thread halter;

  /**
   * {@code closeConnections} closes every connection with 1011 and waits a little for them to end;
   * {@code stopServer} stops the rest of the server. Both are run on the stopper thread.
   */
  FatalErrors(FatalErrorPolicy policy, Runnable closeConnections, Runnable stopServer) {
    this.policy = policy;
    this.closeConnections = closeConnections;
    this.stopServer = stopServer;
    this.stopper = new Thread(this::stopWhenFired, "live-fatal");
    this.stopper.setDaemon(true);
    this.halter = policy instanceof FatalErrorPolicy.ExitProcess ? new Thread(this::haltWhenFired, "live-fatal-halt")
        : null;
    if (halter != null) {
      halter.setDaemon(true);
    }
  }

  void start() {
    stopper.start();
    if (halter != null) {
      halter.start();
    }
  }

  /** The server stops normally: the threads end, and a later error is only logged. Not after a fatal error. */
  void close() {
    closed = true;
    if (error.get() == null) {
      stopper.interrupt();
      if (halter != null) {
        halter.interrupt();
      }
    }
  }

  /** Reports a fatal error on the current thread: an {@code Error}, or what ended a part that nothing replaces. */
  void report(Throwable failure) {
    fire(Thread.currentThread(), failure);
  }

  /**
   * What ended one of the server's threads: an {@code Error} is fatal. An exception is logged: the
   * threads given this handler are a pool's, which replaces them (the loops of the server's single
   * threads catch their exceptions, or report them as fatal themselves).
   */
  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    if (failure instanceof Error) {
      fire(thread, failure);
    } else {
      logQuietly("an exception ended thread " + thread.getName() + "; its pool starts another", failure);
    }
  }

  private void fire(Thread thread, Throwable failure) {
    if (closed && error.get() == null) {
      logQuietly("an error on thread " + thread.getName() + " while the server stopped", failure);
      return;
    }
    if (error.compareAndSet(null, failure)) {
      failedOn = thread;
      fired.countDown();
    }
  }

  /** Whether a fatal error was reported: the server is stopping or stopped, and refuses everything. */
  boolean hasFailed() {
    return error.get() != null;
  }

  /**
   * Why, for health and refusals: the error's class and the thread, never its message (a procedure
   * may have written anything there).
   */
  String reason() {
    Throwable failure = error.get();
    if (failure == null) {
      return "";
    }
    Thread thread = failedOn;
    return "the server stopped after a fatal " + plain(failure.getClass().getSimpleName()) + " on thread "
        + (thread == null ? "?" : plain(thread.getName()));
  }

  /** {@code name} safe in JSON and logs: an application's thread may be called anything. */
  private static String plain(String name) {
    StringBuilder plain = new StringBuilder(Math.min(name.length(), 80));
    for (int i = 0; i < name.length() && i < 80; i++) {
      char c = name.charAt(i);
      plain.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ' ' ? c : '?');
    }
    return plain.toString();
  }

  /** A thread factory for a pool of the server's: daemon threads named {@code prefix1, prefix2...} reporting here. */
  ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler(this);
      return thread;
    };
  }

  /**
   * A one-thread scheduler whose tasks report an {@code Error} here: a scheduled task keeps what it
   * throws in its future, and a periodic one would stop without a word.
   */
  ScheduledThreadPoolExecutor timer(String name) {
    return new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler(this);
      return thread;
    }) {
      @Override
      protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        if (thrown == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
          try {
            future.get();
          } catch (java.util.concurrent.ExecutionException e) {
            thrown = e.getCause();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (thrown instanceof Error) {
          report(thrown);
        }
      }
    };
  }

  private void stopWhenFired() {
    try {
      fired.await();
    } catch (InterruptedException e) {
      return; // closed: the server stopped normally
    }
    Throwable failure = error.get();
    boolean exit = policy instanceof FatalErrorPolicy.ExitProcess;
    logQuietly(reason() + "; it closes its connections and " + (exit ? "the process exits with status "
        + FatalErrorPolicy.EXIT_STATUS : "stops (the JVM keeps running)"), failure);
    runQuietly(closeConnections);
    if (exit) {
      logQuietly(reason() + "; exiting with status " + FatalErrorPolicy.EXIT_STATUS, null);
      // Shutdown hooks run (an application may close its own stores); the halter bounds them.
      System.exit(FatalErrorPolicy.EXIT_STATUS);
      return;
    }
    runQuietly(stopServer);
    runQuietly(() -> ((FatalErrorPolicy.StopServer) policy).stopped().accept(failure));
  }

  private void haltWhenFired() {
    try {
      fired.await();
      Thread.sleep(TimeUnit.SECONDS.toMillis(HALT_AFTER_SECONDS));
    } catch (InterruptedException e) {
      return;
    }
    logQuietly(reason() + "; the process did not end within " + HALT_AFTER_SECONDS + " s: halting with status "
        + FatalErrorPolicy.EXIT_STATUS, null);
    Runtime.getRuntime().halt(FatalErrorPolicy.EXIT_STATUS);
  }

  /** Logs at ERROR; memory may still be short, and a failed log line must not stop what follows. */
  private static void logQuietly(String message, Throwable failure) {
    try {
      log.error(message, failure);
    } catch (Throwable ignored) {
      // Nothing left to tell it with.
    }
  }

  private static void runQuietly(Runnable step) {
    try {
      step.run();
    } catch (Throwable e) {
      logQuietly("a step of stopping after a fatal error failed", e);
    }
  }
}
