package dev.live.engine;

import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads operators from storage and installs them: a subscriber's new query on the subscriber's
 * thread, and on a thread of its own ({@code live-engine-reader}) the operators queued when memory
 * could not answer (sets first, nodes of one shape together) and the nodes held back for their
 * owners' time (caught up from the history). Reads run outside the engine's lock; installing
 * catches the operator up with the changes since its read, under the lock, in memory.
 */
final class Reloader {
  private final EngineCore core;
  private final Consumer<? super Throwable> onError;
  private final Thread thread;
  private volatile boolean closed;

  /** {@code onError} hears of the {@code Error} (or unexpected exception) that stops the reader thread, before it is logged. */
  Reloader(EngineCore core, Consumer<? super Throwable> onError) {
    this.core = core;
    this.onError = onError;
    this.thread = new Thread(this::run, "live-engine-reader");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Not closed, and not stopped by an error. */
  boolean isRunning() {
    return !closed && thread.isAlive();
  }

  void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads {@code node} (and first the sets it needs that are not loaded) and installs it. Called
   * outside the lock, by a subscriber creating the node or by the reader thread.
   */
  void read(QueryNode<?> node) {
    for (RelationSet<?> set : unloadedSets(node)) {
      try {
        readSet(set);
      } catch (RuntimeException e) {
        // Other queries may wait for this set too: the reader thread tries it again for them.
        core.lock.lock();
        try {
          if (set.pending && set.refs > 0) {
            core.queued.add(set);
            core.workArrived.signalAll();
          }
        } finally {
          core.lock.unlock();
        }
        throw e;
      }
    }
    List<QueryNode<?>> one = List.of(node);
    long lower = core.store.changes().latestVersion();
    NodeImage image = NodeReader.read(core.store, one).get(0);
    image.readAfter(lower);
    install(node, image, lower, -1);
  }

  /** The sets {@code operator} needs that are not loaded, those they need first. */
  private List<RelationSet<?>> unloadedSets(Operator operator) {
    core.lock.lock();
    try {
      List<RelationSet<?>> found = new ArrayList<>();
      collectUnloaded(operator, found);
      return found;
    } finally {
      core.lock.unlock();
    }
  }

  private void collectUnloaded(Operator operator, List<RelationSet<?>> into) {
    for (RelationUses.Use use : operator.uses().all()) {
      collectUnloaded(use.set, into);
      if (use.set.pending && !into.contains(use.set)) {
        into.add(use.set);
      }
    }
  }

  private <U> void readSet(RelationSet<U> set) {
    long lower = core.store.changes().latestVersion();
    List<U> rows = NodeReader.readSet(core.store, set.query().spec());
    List<Change> missed = missedSince(lower);
    core.lock.lock();
    try {
      List<Change> replay = replay(lower, missed);
      if (replay == null) {
        core.queued.add(set); // the history moved on while the log was read; the reader tries again
        core.workArrived.signalAll();
        return;
      }
      if (!set.pending || set.refs == 0) {
        return; // loaded by another reader meanwhile, or dropped
      }
      if (dependenciesMoved(set, lower)) {
        // A set its condition uses changed during the read, which may lack that change: again.
        core.queued.add(set);
        core.workArrived.signalAll();
        return;
      }
      set.load(rows, lower);
      for (Change change : replay) {
        if (change.collection() == set.definition.collection()) {
          set.apply(change, core.values, (s, key, gained, felt) -> { });
        }
      }
      set.pending = false;
      core.queued.remove(set);
      core.reads++;
      for (Operator dependent : set.dependents.keySet()) {
        if (dependent.pending) {
          core.queued.add(dependent); // it waited for this set
        }
      }
      core.workArrived.signalAll();
    } finally {
      core.lock.unlock();
    }
  }

  /**
   * Installs a node read after {@code lower}: it catches up, then publishes, or waits for another
   * read. {@code readNanos}, the read's time, is charged to its owners with the catching up; -1
   * for a subscriber's first read, which is not charged.
   */
  private void install(QueryNode<?> node, NodeImage image, long lower, long readNanos) {
    List<Change> missed = missedSince(lower);
    core.lock.lock();
    long start = System.nanoTime();
    try {
      node.loading = false;
      if (core.nodes.get(node.query()) != node) {
        return; // dropped while it was read
      }
      List<Change> replay = replay(lower, missed);
      if (replay == null || dependenciesMoved(node, lower)) {
        core.queue(node);
        return;
      }
      core.reads++;
      node.install(image, lower);
      node.touched = false;
      for (Change change : replay) {
        core.cache.apply(change);
        node.apply(change);
      }
      if (node.mustRead) {
        node.mustRead = false;
        node.touched = false;
        core.queue(node);
        return;
      }
      node.pending = false;
      core.queued.remove(node);
      if (node.everPublished) {
        core.publish(node, core.position);
      } else {
        node.publish(core.sharedJson);
      }
      for (EngineSubscriptionImpl waiting : List.copyOf(node.waiting)) {
        core.join(node, waiting);
      }
      node.waiting.clear();
      CompletableFuture<Void> first = core.firstResults.remove(node);
      if (first != null) {
        first.complete(null);
      }
    } catch (RuntimeException e) {
      core.fail(node, e);
    } finally {
      if (readNanos >= 0) {
        node.charge(readNanos + System.nanoTime() - start);
      }
      core.sharedJson.clear();
      core.lock.unlock();
    }
  }

  /** Whether a set the node uses changed after its read in a way the node must read again for. */
  private static boolean dependenciesMoved(Operator operator, long lower) {
    for (RelationUses.Use use : operator.uses().all()) {
      if (use.set.pending || use.set.affectingVersion > lower) {
        return true;
      }
    }
    return false;
  }

  /**
   * Outside the lock: the changes after {@code lower} that the history no longer keeps, read
   * from the change log (usually none).
   */
  private List<Change> missedSince(long lower) {
    long floor;
    core.lock.lock();
    try {
      floor = core.history.floor();
    } finally {
      core.lock.unlock();
    }
    List<Change> read = new ArrayList<>();
    long from = lower;
    while (from < floor) {
      List<Change> page = core.store.changes().readAfter(from, 1_000);
      if (page.isEmpty()) {
        break;
      }
      for (Change change : page) {
        if (change.version() <= floor) {
          read.add(change);
        }
      }
      from = page.get(page.size() - 1).version();
    }
    return read;
  }

  /**
   * Under the lock: every change after {@code lower} up to the position, from {@code fromLog}
   * and the history; null when the history no longer reaches back to them.
   */
  private List<Change> replay(long lower, List<Change> fromLog) {
    long after = fromLog.isEmpty() ? lower : Math.max(lower, fromLog.get(fromLog.size() - 1).version());
    if (!core.history.covers(after)) {
      return null;
    }
    List<Change> all = new ArrayList<>(fromLog.size());
    for (Change change : fromLog) {
      if (change.version() > lower) {
        all.add(change);
      }
    }
    all.addAll(core.history.after(after));
    return all;
  }

  /** The reader thread: reads pending operators, sets first, nodes of one shape together. */
  /**
   * The reader thread. An {@code Error} (or an exception no inner catch expected) anywhere in it (under the lock too: the lock is released on
   * the way out) stops it, since the nodes it was installing are in a state no retry can trust.
   */
  private void run() {
    try {
      readLoop();
    } catch (RuntimeException | Error e) { // nothing else ends the loop but close
      closed = true;
      // Handed on before logging: logging allocates, and the error may be an OutOfMemoryError.
      try {
        onError.accept(e);
      } finally {
        core.log.error("the live query reader stops after an error", e);
      }
    }
  }

  private void readLoop() {
    while (!closed) {
      List<RelationSet<?>> setsToRead = new ArrayList<>();
      List<QueryNode<?>> nodesToRead = new ArrayList<>();
      List<QueryNode<?>> catchUps = new ArrayList<>();
      core.lock.lock();
      try {
        core.owners.sweep();
        takeWork(setsToRead, nodesToRead, catchUps);
        if (setsToRead.isEmpty() && nodesToRead.isEmpty() && catchUps.isEmpty()) {
          core.workArrived.await(onlyDeferred() ? 20 : 1_000, TimeUnit.MILLISECONDS);
          continue;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        core.lock.unlock();
      }
      for (QueryNode<?> node : catchUps) {
        catchUp(node); // each under the lock on its own, so that the tail goes on in between
      }
      try {
        for (RelationSet<?> set : setsToRead) {
          readSet(set);
        }
        if (!nodesToRead.isEmpty()) {
          readNodes(nodesToRead);
        }
      } catch (RuntimeException e) {
        core.log.warn("reading live queries again failed; their subscriptions end", e);
        for (RelationSet<?> set : setsToRead) {
          core.fail(set, e);
        }
        for (QueryNode<?> node : nodesToRead) {
          core.fail(node, e);
        }
      }
    }
  }

  /** Under the lock: the queued sets, and the queued nodes whose sets are all loaded. */
  private void takeWork(List<RelationSet<?>> setsToRead, List<QueryNode<?>> nodesToRead,
      List<QueryNode<?>> catchUps) {
    List<RelationSet<?>> dropped = new ArrayList<>();
    for (Operator operator : core.queued) {
      if (operator instanceof RelationSet<?> set) {
        if (set.refs == 0) {
          dropped.add(set); // released after it was queued: nothing waits for it
        } else if (set.pending && !hasPendingSet(set)) {
          setsToRead.add(set);
        }
      } else {
        QueryNode<?> node = (QueryNode<?>) operator;
        if (node.deferred) {
          if (!node.throttled()) {
            catchUps.add(node);
          }
        } else if (node.pending && !node.loading && !hasPendingSet(node)) {
          node.loading = true;
          nodesToRead.add(node);
        }
      }
    }
    core.queued.removeAll(setsToRead);
    core.queued.removeAll(dropped);
    core.queued.removeAll(nodesToRead);
    core.queued.removeAll(catchUps);
  }

  /** Whether the only work queued is nodes held back for their owners' time: the reader looks again soon. */
  private boolean onlyDeferred() {
    for (Operator operator : core.queued) {
      if (!(operator instanceof QueryNode<?> node) || !node.deferred) {
        return false;
      }
    }
    return !core.queued.isEmpty();
  }

  /**
   * Brings a node that was held back up to date from the history, in memory; a read when the
   * history no longer reaches back to it, or a set it uses changed meanwhile.
   */
  private void catchUp(QueryNode<?> node) {
    core.lock.lock();
    try {
      node.deferred = false;
      if (core.nodes.get(node.query()) != node) {
        return;
      }
      if (!core.history.covers(node.version) || dependenciesMoved(node, node.version)) {
        core.queue(node);
        return;
      }
      long start = System.nanoTime();
      for (Change change : core.history.after(node.version)) {
        node.apply(change);
      }
      if (node.mustRead) {
        node.mustRead = false;
        node.touched = false;
        core.queue(node);
      } else {
        node.pending = false;
        core.publish(node, core.position);
      }
      node.charge(System.nanoTime() - start);
    } catch (RuntimeException e) {
      core.fail(node, e);
    } finally {
      core.sharedJson.clear();
      core.lock.unlock();
    }
  }

  private static boolean hasPendingSet(Operator operator) {
    for (RelationUses.Use use : operator.uses().all()) {
      if (use.set.pending) {
        return true;
      }
    }
    return false;
  }

  private void readNodes(List<QueryNode<?>> batch) {
    long start = System.nanoTime();
    long lower = core.store.changes().latestVersion();
    List<NodeImage> images = NodeReader.read(core.store, batch);
    long share = (System.nanoTime() - start) / batch.size();
    for (int i = 0; i < batch.size(); i++) {
      images.get(i).readAfter(lower);
      install(batch.get(i), images.get(i), lower, share);
    }
  }
}
