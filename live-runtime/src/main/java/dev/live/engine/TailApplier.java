package dev.live.engine;

import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies each delivery of the change tail, under the engine's lock and in memory: every change
 * goes to the operators the index finds, relation sets tell the operators that use them of keys
 * that came or went, and each node touched publishes its delta as soon as it has taken its
 * changes, or is queued for the reader when memory could not answer. A node whose owners are out
 * of engine time is held back instead of applied.
 */
final class TailApplier {
  private final EngineCore core;
  /** The nodes the batch being applied touched. */
  private final List<QueryNode<?>> touched = new ArrayList<>();
  /** The nodes of heavy owners the batch touched: finished after the others. */
  private final List<QueryNode<?>> touchedHeavy = new ArrayList<>();
  /** Counts batches, so that a node's place in one is decided once. */
  private long batch;
  private boolean heavySeen;

  TailApplier(EngineCore core) {
    this.core = core;
  }

  /**
   * One delivery of the change tail: whole transactions, in version order. Two passes over the
   * batch, each in version order (a node taking a row early in the batch must hear of its later
   * changes): the first applies the changes to relation sets and to the nodes of light owners, and
   * publishes those nodes; the second to the nodes whose every owner used more than half of its
   * engine time lately, so that a light user's delta does not wait for a heavy user's work.
   */
  void apply(List<Change> changes) {
    long to = changes.get(changes.size() - 1).version();
    core.lock.lock();
    try {
      core.batchStart = core.position;
      core.history.add(changes);
      batch++;
      heavySeen = false;
      pass(changes, false);
      finishAll(touched, to);
      if (heavySeen) {
        pass(changes, true);
        finishAll(touchedHeavy, to);
      }
    } finally {
      core.position = to;
      core.advanced.signalAll();
      // Every node touched is finished, whatever happened, or it would never be again.
      finishAll(touched, to);
      finishAll(touchedHeavy, to);
      core.sharedJson.clear();
      if (!core.queued.isEmpty()) {
        core.workArrived.signalAll();
      }
      core.lock.unlock();
    }
  }

  private void pass(List<Change> changes, boolean heavy) {
    for (Change change : changes) {
      if (!heavy) {
        core.cache.apply(change);
      }
      for (Operator operator : core.index.candidates(change)) {
        if (operator.pending) {
          continue;
        }
        if (operator instanceof RelationSet<?> set) {
          if (!heavy) {
            applySet(set, change);
          }
        } else if (isHeavy((QueryNode<?>) operator) == heavy) {
          applyTo((QueryNode<?>) operator, change);
        }
      }
    }
  }

  /** Whether {@code node} waits for the second pass; decided once per batch. */
  private boolean isHeavy(QueryNode<?> node) {
    if (node.batch != batch) {
      node.batch = batch;
      node.heavy = node.heavy();
      heavySeen |= node.heavy;
    }
    return node.heavy;
  }

  private void finishAll(List<QueryNode<?>> nodes, long to) {
    for (QueryNode<?> node : nodes) {
      if (node.touched) {
        finish(node, to);
      }
    }
    nodes.clear();
  }

  private void applySet(RelationSet<?> set, Change change) {
    try {
      set.apply(change, core.values, this::keyChanged);
    } catch (RuntimeException e) {
      core.fail(set, e);
    }
  }

  private void applyTo(QueryNode<?> node, Change change) {
    try {
      if (!node.touched && node.throttled()) {
        defer(node);
        return;
      }
      touch(node);
      long start = System.nanoTime();
      node.apply(change);
      node.work += System.nanoTime() - start;
    } catch (RuntimeException e) {
      core.fail(node, e);
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
      (isHeavy(node) ? touchedHeavy : touched).add(node);
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
