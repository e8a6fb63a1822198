package dev.live.engine;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.ValueOrder;
import dev.live.storage.Store;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state the engine's parts share, and what they all do to it: the operators and their index,
 * the shared row cache and relation sets, the change history, the queue of operators waiting for
 * the reader, and publishing, queueing and failing a node. Everything here is guarded by {@link
 * #lock}, except {@link #position}, which is read without it.
 */
final class EngineCore {
  static final Logger log = LoggerFactory.getLogger(LiveEngine.class);
  /** Changes kept in memory for operators that catch up after a read. */
  static final int HISTORY = 8_192;

  final Store store;
  final ValueOrder values;
  final ReentrantLock lock = new ReentrantLock();
  final Condition workArrived = lock.newCondition();
  /** Signalled when {@link #position} moves on, for those waiting for the engine to reach a version. */
  final Condition advanced = lock.newCondition();
  final Map<NodeQuery<?>, QueryNode<?>> nodes = new HashMap<>();
  final CandidateIndex index;
  final RowCache cache = new RowCache();
  final RelationSets sets;
  final ChangeHistory history;
  /** Operators waiting for the reader thread: a read, or a catch-up from the history. */
  final Set<Operator> queued = new LinkedHashSet<>();
  /** Nodes no subscription has seen a result of yet, and what their first subscribers wait on. */
  final Map<QueryNode<?>, CompletableFuture<Void>> firstResults = new HashMap<>();
  final Owners owners;
  /** The version up to which every change has been applied to every operator not pending. */
  volatile long position;
  /** The position before the batch being applied: what a node going pending has published. */
  long batchStart;
  /** The JSON of records published in the current batch, by identity, shared by the nodes taking them. */
  final Map<Object, String> sharedJson = new IdentityHashMap<>();
  int subscriptionCount;
  long reads;
  long touches;
  long deferrals;

  EngineCore(Store store, EngineOptions options, long position) {
    this.store = store;
    this.values = store.database().isEmbedded() ? ValueOrder.H2 : ValueOrder.POSTGRESQL;
    this.index = new CandidateIndex(values);
    this.sets = new RelationSets(index);
    this.history = new ChangeHistory(HISTORY, position);
    this.owners = new Owners(options);
    this.position = position;
  }

  void join(QueryNode<?> node, EngineSubscriptionImpl subscription) {
    subscription.node = node;
    subscription.lastVersion = node.pending ? node.version : position;
    node.subscriptions.add(subscription);
    subscriptionCount++;
    subscription.listener.snapshot(subscription.lastVersion, node.snapshotJson());
  }

  void drop(QueryNode<?> node) {
    nodes.remove(node.query());
    queued.remove(node);
    index.remove(node);
    node.clear();
    node.uses().release(sets, node);
    CompletableFuture<Void> first = firstResults.remove(node);
    if (first != null) {
      first.completeExceptionally(new LiveException(ErrorCode.STORAGE_FAILED, "the query was given up"));
    }
  }

  void publish(QueryNode<?> node, long to) {
    ResultDiff diff = node.publish(sharedJson);
    if (diff.isEmpty()) {
      return;
    }
    String json = diff.json();
    for (EngineSubscriptionImpl subscription : node.subscriptions) {
      long from = subscription.lastVersion;
      subscription.lastVersion = to;
      try {
        subscription.listener.delta(from, to, json);
      } catch (RuntimeException e) {
        log.error("a subscription listener failed on a delta; it must only queue", e);
      }
    }
  }

  /** {@code operator} will be read again; operators using it (a set's) wait for it. */
  void makePending(Operator operator) {
    if (operator.pending) {
      return;
    }
    operator.pending = true;
    queued.add(operator);
    if (operator instanceof QueryNode<?> node) {
      node.version = batchStart;
      return;
    }
    RelationSet<?> set = (RelationSet<?>) operator;
    for (Operator dependent : List.copyOf(set.dependents.keySet())) {
      makePending(dependent);
    }
  }

  void queue(QueryNode<?> node) {
    node.pending = true;
    node.loading = false;
    queued.add(node);
    workArrived.signalAll();
  }

  /** Ends the subscriptions that {@code operator} serves (every node using a failed set) and drops it. */
  void fail(Operator operator, RuntimeException cause) {
    lock.lock(); // reentrant: callers may hold it already
    try {
      failLocked(operator, cause);
    } finally {
      lock.unlock();
    }
  }

  void failLocked(Operator operator, RuntimeException cause) {
    LiveException error = cause instanceof LiveException live ? live
        : new LiveException(ErrorCode.STORAGE_FAILED, "the query could not be kept current", cause);
    if (operator instanceof RelationSet<?> set) {
      for (Operator dependent : List.copyOf(set.dependents.keySet())) {
        failLocked(dependent, cause);
      }
      return;
    }
    QueryNode<?> node = (QueryNode<?>) operator;
    if (nodes.get(node.query()) != node) {
      return;
    }
    log.warn("a live query could not be kept current and its {} subscriptions end: {}",
        node.subscriptions.size(), node.query(), cause);
    for (EngineSubscriptionImpl subscription : List.copyOf(node.subscriptions)) {
      subscription.closed = true;
      subscriptionCount--;
      owners.disown(node, subscription);
      try {
        subscription.listener.failed(error);
      } catch (RuntimeException e) {
        log.error("a subscription listener failed on an error", e);
      }
    }
    node.subscriptions.clear();
    for (EngineSubscriptionImpl waiting : node.waiting) {
      waiting.closed = true;
      owners.disown(node, waiting);
    }
    node.waiting.clear();
    CompletableFuture<Void> first = firstResults.remove(node);
    if (first != null) {
      first.completeExceptionally(error);
    }
    drop(node);
  }
}
