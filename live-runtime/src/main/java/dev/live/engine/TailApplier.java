package dev.live.engine;

import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies each delivery of the change tail, under the engine's lock and in memory: every change
 * goes to the operators the index finds (sets first), relation sets tell the operators that use
 * them of keys that came or went, and each node touched publishes its delta at the batch's end,
 * or is queued for the reader when memory could not answer. A node whose owners are out of engine
 * time is held back instead of applied.
 */
final class TailApplier {
  private final EngineCore core;
  /** The nodes the batch being applied touched. */
  private final List<QueryNode<?>> touched = new ArrayList<>();

  TailApplier(EngineCore core) {
    this.core = core;
  }

  /** One delivery of the change tail: whole transactions, in version order. */
  void apply(List<Change> changes) {
    long to = changes.get(changes.size() - 1).version();
    core.lock.lock();
    try {
      core.batchStart = core.position;
      core.history.add(changes);
      for (Change change : changes) {
        core.cache.apply(change);
        for (Operator operator : core.index.candidates(change)) {
          if (!operator.pending) {
            applyTo(operator, change);
          }
        }
      }
    } finally {
      // Every node touched is finished, whatever happened, or it would never be again.
      core.position = to;
      for (QueryNode<?> node : touched) {
        finish(node, to);
      }
      touched.clear();
      core.sharedJson.clear();
      if (!core.queued.isEmpty()) {
        core.workArrived.signalAll();
      }
      core.lock.unlock();
    }
  }

  private void applyTo(Operator operator, Change change) {
    try {
      if (operator instanceof RelationSet<?> set) {
        set.apply(change, core.values, this::keyChanged);
        return;
      }
      QueryNode<?> node = (QueryNode<?>) operator;
      if (!node.touched && node.throttled()) {
        defer(node);
        return;
      }
      touch(node);
      long start = System.nanoTime();
      node.apply(change);
      node.work += System.nanoTime() - start;
    } catch (RuntimeException e) {
      core.fail(operator, e);
    }
  }

  /**
   * Holds {@code node} back: every owner of it is out of engine time. It keeps its result as of
   * the batch's start and catches up from the history when an owner has time again.
   */
  private void defer(QueryNode<?> node) {
    node.pending = true;
    node.deferred = true;
    node.version = core.batchStart;
    core.queued.add(node);
    core.deferrals++;
  }

  private void touch(QueryNode<?> node) {
    if (!node.touched) {
      node.touched = true;
      touched.add(node);
      core.touches++;
    }
  }

  /** A key entered or left {@code set}: the operators that use it hear of it. */
  private void keyChanged(RelationSet<?> set, Object key, boolean gained, boolean felt) {
    if (!felt) {
      return;
    }
    for (Operator dependent : List.copyOf(set.dependents.keySet())) {
      if (dependent.pending) {
        continue;
      }
      if (dependent instanceof RelationSet<?> outer) {
        // A set keeps no rows, only their keys: what a key of a set it uses does to it is in storage.
        core.makePending(outer);
        continue;
      }
      QueryNode<?> node = (QueryNode<?>) dependent;
      touch(node);
      for (RelationUses.Use use : node.uses().all()) {
        if (use.set == set) {
          node.keyChanged(use, key, gained);
        }
      }
    }
  }

  /** Ends a batch for a node: its delta, or a read when memory could not answer. */
  private void finish(QueryNode<?> node, long to) {
    if (node.pending || core.nodes.get(node.query()) != node) {
      node.touched = false;
      return;
    }
    if (node.mustRead) {
      node.touched = false;
      node.charge(node.work);
      node.work = 0;
      core.makePending(node);
      return;
    }
    long start = System.nanoTime();
    try {
      core.publish(node, to);
    } catch (RuntimeException e) {
      core.fail(node, e);
    }
    node.charge(node.work + System.nanoTime() - start);
    node.work = 0;
  }
}
