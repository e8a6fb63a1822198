package dev.live.server;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's requests one after another, in arrival order, on a shared pool: a
 * client's mutations apply in the order it sent them, and a request sees the effects of the
 * ones before it. A task may finish later than it returns ({@link #submit}): a mutation waiting
 * for its group's commit holds the next request back without holding a pool thread.
 */
final class SerialExecutor implements Executor {
  /** A task that is done when the stage it returns completes. */
  interface Task {
    CompletionStage<?> start();
  }

  private static final CompletionStage<?> DONE = CompletableFuture.completedFuture(null);

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final Queue<Task> tasks = new ArrayDeque<>();
  private boolean running;
  private Runnable idleHook;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    submit(() -> {
      task.run();
      return DONE;
    });
  }

  /** Queues {@code task}; the next one starts once the stage it returns completes. */
  void submit(Task task) {
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    schedule();
  }

  private void schedule() {
    try {
      pool.execute(this::runNext);
    } catch (RejectedExecutionException e) {
      // The server is stopping: what is left will not run.
      synchronized (this) {
        tasks.clear();
        running = false;
      }
    }
  }

  private void runNext() {
    Task task;
    Runnable hook = null;
    synchronized (this) {
      task = tasks.poll();
      if (task == null) {
        running = false;
        hook = takeIdleHook();
      }
    }
    if (task == null) {
      runHook(hook);
      return;
    }
    CompletionStage<?> finished = DONE;
    try {
      finished = task.start();
    } catch (RuntimeException e) {
      log.error("a request task failed", e);
    }
    if (finished.toCompletableFuture().isDone()) {
      next();
    } else {
      finished.whenComplete((result, failure) -> next());
    }
  }

  /** After a task finished: the next one, or idle. */
  private void next() {
    Runnable hook = null;
    boolean more;
    synchronized (this) {
      more = !tasks.isEmpty();
      if (!more) {
        running = false; // idle at once: a takeover waiting for this connection sees it now
        hook = takeIdleHook();
      }
    }
    if (more) {
      // One task per pool turn, so that a busy connection does not hold a thread others wait for.
      schedule();
    } else {
      runHook(hook);
    }
  }

  /** Runs {@code hook} once nothing is queued or running: now, or when the last task ends. */
  void whenIdle(Runnable hook) {
    synchronized (this) {
      if (running || !tasks.isEmpty()) {
        idleHook = hook;
        return;
      }
    }
    runHook(hook);
  }

  private Runnable takeIdleHook() {
    Runnable hook = idleHook;
    idleHook = null;
    return hook;
  }

  private static void runHook(Runnable hook) {
    if (hook != null) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        log.error("an idle hook failed", e);
      }
    }
  }

  /** Whether nothing is queued or running. */
  synchronized boolean isIdle() {
    return !running && tasks.isEmpty();
  }
}
