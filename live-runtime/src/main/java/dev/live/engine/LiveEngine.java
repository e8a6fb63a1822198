package dev.live.engine;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.QuerySpec;
import dev.live.storage.Change;
import dev.live.storage.ChangeFeed;
import dev.live.storage.ChangeTail;
import dev.live.storage.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps subscribed queries current. It follows the store's change log, so it sees every committed
 * write in version order whoever made it (clients, procedures, server code), finds the operators
 * a change can matter to through a {@link CandidateIndex}, brings them up to date in memory, and
 * hands each subscription the difference ({@code docs/engine.md}).
 *
 * <pre>{@code
 * try (LiveEngine engine = LiveEngine.start(store)) {
 *   EngineSubscription s = engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).spec(), listener);
 * }
 * }</pre>
 *
 * <p>Subscriptions with equal queries share one node. Queries that read rules restrict are
 * different queries, so subscribers with different rules never share results. A node that must
 * read storage again is read by a thread of the engine's own, off its lock, with other nodes of
 * its shape; it takes no changes meanwhile and catches up when the read is in, so that neither
 * the change tail nor subscribes nor other nodes wait for it.
 */
public final class LiveEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveEngine.class);
  /** Changes kept in memory for operators that catch up after a read. */
  private static final int HISTORY = 8_192;
  /** How long a subscribe waits for a new query's first result. */
  private static final long FIRST_RESULT_SECONDS = 30;

  private final Store store;
  private final ValueOrder values;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workArrived = lock.newCondition();
  private final Map<NodeQuery<?>, QueryNode<?>> nodes = new HashMap<>();
  private final CandidateIndex index = new CandidateIndex();
  private final RowCache cache = new RowCache();
  private final RelationSets sets = new RelationSets(index);
  private final ChangeHistory history;
  /** Operators waiting for a read by the reader thread. */
  private final Set<Operator> queued = new LinkedHashSet<>();
  /** The nodes the batch being applied touched. */
  private final List<QueryNode<?>> touched = new ArrayList<>();
  private final Map<QueryNode<?>, CompletableFuture<Void>> firstResults = new HashMap<>();
  private final ChangeTail tail;
  private final Thread reader;
  /** The version up to which every change has been applied to every operator not pending. */
  private volatile long position;
  /** The position before the batch being applied: what a node going pending has published. */
  private long batchStart;
  private int subscriptionCount;
  private volatile boolean closed;
  private long reads;

  private LiveEngine(Store store) {
    this.store = store;
    this.values = store.database().isEmbedded() ? ValueOrder.H2 : ValueOrder.POSTGRESQL;
    ChangeFeed feed = store.changes();
    this.position = feed.latestVersion();
    this.history = new ChangeHistory(HISTORY, position);
    this.reader = new Thread(this::readLoop, "live-engine-reader");
    this.reader.setDaemon(true);
    this.reader.start();
    this.tail = feed.tail(position, this::apply);
  }

  /** Starts an engine following {@code store}'s change log from its latest version. */
  public static LiveEngine start(Store store) {
    return new LiveEngine(Objects.requireNonNull(store, "store"));
  }

  /**
   * Subscribes {@code listener} to {@code spec}: it receives the current result, then every
   * change to it. Reads storage when no subscription to an equal query exists, on the calling
   * thread and outside the engine's lock; fails with the storage's error then (nothing is
   * subscribed).
   */
  public EngineSubscription subscribe(QuerySpec<?> spec, SubscriptionListener listener) {
    NodeQuery<?> query = NodeQuery.of(spec);
    EngineSubscriptionImpl subscription = new EngineSubscriptionImpl(this, listener);
    QueryNode<?> node;
    CompletableFuture<Void> first;
    boolean create = false;
    lock.lock();
    try {
      node = nodes.get(query);
      if (node != null && node.everPublished) {
        join(node, subscription);
        return subscription;
      }
      if (node == null) {
        node = new QueryNode<>(query, values, index, cache);
        node.collectUses(sets);
        nodes.put(query, node);
        index.add(node);
        node.loading = true;
        firstResults.put(node, new CompletableFuture<>());
        create = true;
      }
      subscription.node = node;
      node.waiting.add(subscription);
      first = firstResults.get(node);
    } finally {
      lock.unlock();
    }
    if (create) {
      try {
        read(node);
      } catch (RuntimeException e) {
        fail(node, e);
      }
    }
    awaitFirst(first, subscription);
    return subscription;
  }

  private void awaitFirst(CompletableFuture<Void> first, EngineSubscriptionImpl subscription) {
    try {
      first.get(FIRST_RESULT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      subscription.close();
      throw e.getCause() instanceof LiveException live ? live
          : new LiveException(ErrorCode.STORAGE_FAILED, "the query could not be read", e.getCause());
    } catch (TimeoutException e) {
      subscription.close();
      throw new LiveException(ErrorCode.STORAGE_FAILED, "the query could not be read within "
          + FIRST_RESULT_SECONDS + " s");
    } catch (InterruptedException e) {
      subscription.close();
      Thread.currentThread().interrupt();
      throw new LiveException(ErrorCode.STORAGE_FAILED, "interrupted while reading the query");
    }
  }

  private void join(QueryNode<?> node, EngineSubscriptionImpl subscription) {
    subscription.node = node;
    subscription.lastVersion = node.pending ? node.version : position;
    node.subscriptions.add(subscription);
    subscriptionCount++;
    subscription.listener.snapshot(subscription.lastVersion, node.snapshotJson());
  }

  /**
   * Sends {@code subscription} its whole current result again, as a snapshot; its later deltas
   * continue from it. For a subscriber that dropped deltas it could not keep up with.
   */
  public void resnapshot(EngineSubscription subscription) {
    EngineSubscriptionImpl impl = (EngineSubscriptionImpl) subscription;
    lock.lock();
    try {
      QueryNode<?> node = impl.node;
      if (impl.closed || node == null || !node.subscriptions.contains(impl)) {
        return;
      }
      impl.lastVersion = node.pending ? node.version : position;
      impl.listener.snapshot(impl.lastVersion, node.snapshotJson());
    } finally {
      lock.unlock();
    }
  }

  void unsubscribe(EngineSubscriptionImpl subscription) {
    lock.lock();
    try {
      if (subscription.closed) {
        return;
      }
      subscription.closed = true;
      QueryNode<?> node = subscription.node;
      if (node == null) {
        return;
      }
      if (node.subscriptions.remove(subscription)) {
        subscriptionCount--;
      }
      node.waiting.remove(subscription);
      if (node.subscriptions.isEmpty() && node.waiting.isEmpty() && nodes.get(node.query()) == node) {
        drop(node);
      }
    } finally {
      lock.unlock();
    }
  }

  private void drop(QueryNode<?> node) {
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

  /** One delivery of the change tail: whole transactions, in version order. */
  private void apply(List<Change> changes) {
    long to = changes.get(changes.size() - 1).version();
    lock.lock();
    try {
      batchStart = position;
      history.add(changes);
      for (Change change : changes) {
        cache.apply(change);
        for (Operator operator : index.candidates(change)) {
          if (!operator.pending) {
            applyTo(operator, change);
          }
        }
      }
    } finally {
      // Every node touched is finished, whatever happened, or it would never be again.
      position = to;
      for (QueryNode<?> node : touched) {
        finish(node, to);
      }
      touched.clear();
      if (!queued.isEmpty()) {
        workArrived.signalAll();
      }
      lock.unlock();
    }
  }

  private void applyTo(Operator operator, Change change) {
    try {
      if (operator instanceof RelationSet<?> set) {
        set.apply(change, values, this::keyChanged);
      } else {
        QueryNode<?> node = (QueryNode<?>) operator;
        touch(node);
        node.apply(change);
      }
    } catch (RuntimeException e) {
      fail(operator, e);
    }
  }

  private void touch(QueryNode<?> node) {
    if (!node.touched) {
      node.touched = true;
      touched.add(node);
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
        makePending(outer);
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
    if (node.pending || nodes.get(node.query()) != node) {
      node.touched = false;
      return;
    }
    if (node.mustRead) {
      node.touched = false;
      makePending(node);
      return;
    }
    try {
      publish(node, to);
    } catch (RuntimeException e) {
      fail(node, e);
    }
  }

  private void publish(QueryNode<?> node, long to) {
    ResultDiff diff = node.publish();
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
  private void makePending(Operator operator) {
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

  /**
   * Reads {@code node} (and first the sets it needs that are not loaded) and installs it. Called
   * outside the lock, by a subscriber creating the node or by the reader thread.
   */
  private void read(QueryNode<?> node) {
    for (RelationSet<?> set : unloadedSets(node)) {
      readSet(set);
    }
    List<QueryNode<?>> one = List.of(node);
    long lower = store.changes().latestVersion();
    NodeImage image = NodeReader.read(store, one).get(0);
    image.readAfter(lower);
    install(node, image, lower);
  }

  /** The sets {@code operator} needs that are not loaded, those they need first. */
  private List<RelationSet<?>> unloadedSets(Operator operator) {
    lock.lock();
    try {
      List<RelationSet<?>> found = new ArrayList<>();
      collectUnloaded(operator, found);
      return found;
    } finally {
      lock.unlock();
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
    long lower = store.changes().latestVersion();
    List<U> rows = NodeReader.readSet(store, set.query().spec());
    List<Change> missed = missedSince(lower);
    lock.lock();
    try {
      List<Change> replay = replay(lower, missed);
      if (replay == null) {
        queued.add(set); // the history moved on while the log was read; the reader tries again
        workArrived.signalAll();
        return;
      }
      if (!set.pending || set.refs == 0) {
        return; // loaded by another reader meanwhile, or dropped
      }
      set.load(rows, lower);
      for (Change change : replay) {
        if (change.collection() == set.definition.collection()) {
          set.apply(change, values, (s, key, gained, felt) -> { });
        }
      }
      set.pending = false;
      queued.remove(set);
      reads++;
      for (Operator dependent : set.dependents.keySet()) {
        if (dependent.pending) {
          queued.add(dependent); // it waited for this set
        }
      }
      workArrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Installs a node read after {@code lower}: it catches up, then publishes, or waits for another read. */
  private void install(QueryNode<?> node, NodeImage image, long lower) {
    List<Change> missed = missedSince(lower);
    lock.lock();
    try {
      node.loading = false;
      if (nodes.get(node.query()) != node) {
        return; // dropped while it was read
      }
      List<Change> replay = replay(lower, missed);
      if (replay == null || dependenciesMoved(node, lower)) {
        queue(node);
        return;
      }
      reads++;
      node.install(image, lower);
      node.touched = false;
      for (Change change : replay) {
        cache.apply(change);
        node.apply(change);
      }
      if (node.mustRead) {
        node.mustRead = false;
        node.touched = false;
        queue(node);
        return;
      }
      node.pending = false;
      queued.remove(node);
      if (node.everPublished) {
        publish(node, position);
      } else {
        node.publish();
      }
      for (EngineSubscriptionImpl waiting : List.copyOf(node.waiting)) {
        join(node, waiting);
      }
      node.waiting.clear();
      CompletableFuture<Void> first = firstResults.remove(node);
      if (first != null) {
        first.complete(null);
      }
    } catch (RuntimeException e) {
      fail(node, e);
    } finally {
      lock.unlock();
    }
  }

  private void queue(QueryNode<?> node) {
    node.pending = true;
    node.loading = false;
    queued.add(node);
    workArrived.signalAll();
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
    lock.lock();
    try {
      floor = history.floor();
    } finally {
      lock.unlock();
    }
    List<Change> read = new ArrayList<>();
    long from = lower;
    while (from < floor) {
      List<Change> page = store.changes().readAfter(from, 1_000);
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
    if (!history.covers(after)) {
      return null;
    }
    List<Change> all = new ArrayList<>(fromLog.size());
    for (Change change : fromLog) {
      if (change.version() > lower) {
        all.add(change);
      }
    }
    all.addAll(history.after(after));
    return all;
  }

  /** The reader thread: reads pending operators, sets first, nodes of one shape together. */
  private void readLoop() {
    while (!closed) {
      List<RelationSet<?>> setsToRead = new ArrayList<>();
      List<QueryNode<?>> nodesToRead = new ArrayList<>();
      lock.lock();
      try {
        takeWork(setsToRead, nodesToRead);
        if (setsToRead.isEmpty() && nodesToRead.isEmpty()) {
          workArrived.await(1, TimeUnit.SECONDS);
          continue;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        for (RelationSet<?> set : setsToRead) {
          readSet(set);
        }
        if (!nodesToRead.isEmpty()) {
          readNodes(nodesToRead);
        }
      } catch (RuntimeException e) {
        log.warn("reading live queries again failed; their subscriptions end", e);
        for (RelationSet<?> set : setsToRead) {
          fail(set, e);
        }
        for (QueryNode<?> node : nodesToRead) {
          fail(node, e);
        }
      } catch (Error e) {
        log.error("the live query reader stops", e);
        throw e;
      }
    }
  }

  /** Under the lock: the queued sets, and the queued nodes whose sets are all loaded. */
  private void takeWork(List<RelationSet<?>> setsToRead, List<QueryNode<?>> nodesToRead) {
    for (Operator operator : queued) {
      if (operator instanceof RelationSet<?> set) {
        if (set.pending && set.refs > 0 && !hasPendingSet(set)) {
          setsToRead.add(set);
        }
      } else {
        QueryNode<?> node = (QueryNode<?>) operator;
        if (node.pending && !node.loading && !hasPendingSet(node)) {
          node.loading = true;
          nodesToRead.add(node);
        }
      }
    }
    queued.removeAll(setsToRead);
    queued.removeAll(nodesToRead);
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
    long lower = store.changes().latestVersion();
    List<NodeImage> images = NodeReader.read(store, batch);
    for (int i = 0; i < batch.size(); i++) {
      images.get(i).readAfter(lower);
      install(batch.get(i), images.get(i), lower);
    }
  }

  /** Ends the subscriptions that {@code operator} serves (every node using a failed set) and drops it. */
  private void fail(Operator operator, RuntimeException cause) {
    lock.lock(); // reentrant: callers may hold it already
    try {
      failLocked(operator, cause);
    } finally {
      lock.unlock();
    }
  }

  private void failLocked(Operator operator, RuntimeException cause) {
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
      try {
        subscription.listener.failed(error);
      } catch (RuntimeException e) {
        log.error("a subscription listener failed on an error", e);
      }
    }
    node.subscriptions.clear();
    for (EngineSubscriptionImpl waiting : node.waiting) {
      waiting.closed = true;
    }
    node.waiting.clear();
    CompletableFuture<Void> first = firstResults.remove(node);
    if (first != null) {
      first.completeExceptionally(error);
    }
    drop(node);
  }

  /** Whether the engine still follows the change log (it stops only on an {@code Error}). */
  public boolean isRunning() {
    return tail.isRunning() && reader.isAlive();
  }

  /** The version up to which every node is current. */
  public long position() {
    return position;
  }

  /** The number of distinct queries maintained. */
  public int nodeCount() {
    lock.lock();
    try {
      return nodes.size();
    } finally {
      lock.unlock();
    }
  }

  /** The number of open subscriptions. */
  public int subscriptionCount() {
    lock.lock();
    try {
      return subscriptionCount;
    } finally {
      lock.unlock();
    }
  }

  /** What the engine holds now, for monitoring and tests. */
  public EngineStats stats() {
    lock.lock();
    try {
      int pending = 0;
      long rows = 0;
      for (QueryNode<?> node : nodes.values()) {
        pending += node.pending ? 1 : 0;
        rows += node.heldRows();
      }
      return new EngineStats(nodes.size(), subscriptionCount, sets.size(), cache.size(), rows, pending, reads);
    } finally {
      lock.unlock();
    }
  }

  /** Stops following the change log; subscriptions receive nothing more. */
  @Override
  public void close() {
    closed = true;
    tail.close();
    reader.interrupt();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
