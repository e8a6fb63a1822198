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
  private final EngineOptions options;
  private final ValueOrder values;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workArrived = lock.newCondition();
  private final Map<NodeQuery<?>, QueryNode<?>> nodes = new HashMap<>();
  private final CandidateIndex index;
  private final RowCache cache = new RowCache();
  private final RelationSets sets;
  private final ChangeHistory history;
  /** Operators waiting for a read by the reader thread. */
  private final Set<Operator> queued = new LinkedHashSet<>();
  /** The nodes the batch being applied touched. */
  private final List<QueryNode<?>> touched = new ArrayList<>();
  private final Map<QueryNode<?>, CompletableFuture<Void>> firstResults = new HashMap<>();
  private final Map<String, Owner> owners = new HashMap<>();
  private final ChangeTail tail;
  private final Thread reader;
  /** The version up to which every change has been applied to every operator not pending. */
  private volatile long position;
  /** The position before the batch being applied: what a node going pending has published. */
  private long batchStart;
  private int subscriptionCount;
  private volatile boolean closed;
  private long reads;
  private long touches;
  private long deferrals;

  private LiveEngine(Store store, EngineOptions options) {
    this.store = store;
    this.options = options;
    this.values = store.database().isEmbedded() ? ValueOrder.H2 : ValueOrder.POSTGRESQL;
    this.index = new CandidateIndex(values);
    this.sets = new RelationSets(index);
    ChangeFeed feed = store.changes();
    this.position = feed.latestVersion();
    this.history = new ChangeHistory(HISTORY, position);
    this.reader = new Thread(this::readLoop, "live-engine-reader");
    this.reader.setDaemon(true);
    this.reader.start();
    this.tail = feed.tail(position, this::apply);
  }

  /** Starts an engine following {@code store}'s change log from its latest version, with default bounds. */
  public static LiveEngine start(Store store) {
    return start(store, EngineOptions.defaults());
  }

  /** Starts an engine following {@code store}'s change log, bounding each owner by {@code options}. */
  public static LiveEngine start(Store store, EngineOptions options) {
    return new LiveEngine(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Subscribes {@code listener} to {@code spec}: it receives the current result, then every
   * change to it. Reads storage when no subscription to an equal query exists, on the calling
   * thread and outside the engine's lock; fails with the storage's error then (nothing is
   * subscribed).
   */
  public EngineSubscription subscribe(QuerySpec<?> spec, SubscriptionListener listener) {
    return subscribe(spec, null, listener);
  }

  /**
   * Subscribes as {@link #subscribe(QuerySpec, SubscriptionListener)} does, counting the
   * subscription against {@code owner} (a user, say; null for none) and bounded as {@link
   * EngineOptions} says: refused with {@code LIMIT_EXCEEDED} beyond the owner's subscriptions or
   * queries, with {@code RATE_LIMITED} for a query no one follows yet while the owner is out of
   * engine time.
   */
  public EngineSubscription subscribe(QuerySpec<?> spec, String owner, SubscriptionListener listener) {
    NodeQuery<?> query = NodeQuery.of(spec);
    EngineSubscriptionImpl subscription = new EngineSubscriptionImpl(this, listener);
    QueryNode<?> node;
    CompletableFuture<Void> first;
    boolean create = false;
    lock.lock();
    try {
      node = nodes.get(query);
      Owner counted = owner == null ? null : admit(owner, node);
      if (node != null && node.everPublished) {
        own(node, subscription, counted);
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
      own(node, subscription, counted);
      subscription.node = node;
      node.waiting.add(subscription);
      first = firstResults.get(node);
    } finally {
      lock.unlock();
    }
    if (create) {
      // Not charged to the owner: the subscriber's own thread waits for it, and the message rate
      // and the per-owner query limit bound how many such reads one owner makes.
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

  /** The owner named {@code key}, if it may follow {@code node} (null: a query no one follows yet) once more. */
  private Owner admit(String key, QueryNode<?> node) {
    Owner owner = owners.computeIfAbsent(key, k -> new Owner(k, options.workPerOwner().toNanos(), System::nanoTime));
    if (owner.subscriptions >= options.maxSubscriptionsPerOwner()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "at most " + options.maxSubscriptionsPerOwner()
          + " subscriptions may be open at once for one user, across connections (those kept for resuming"
          + " count too); close one first");
    }
    if ((node == null || !owner.nodes.containsKey(node)) && owner.nodes.size() >= options.maxQueriesPerOwner()) {
      throw new LiveException(ErrorCode.LIMIT_EXCEEDED, "one user's subscriptions may follow at most "
          + options.maxQueriesPerOwner() + " different queries at once; close one, or subscribe to a query"
          + " already followed");
    }
    if (node == null && owner.inDebt()) {
      throw new LiveException(ErrorCode.RATE_LIMITED, "this user's live queries used more than their "
          + options.workPerOwner().toMillis() + " ms of engine time per second; subscribe to a new query"
          + " again in a second");
    }
    return owner;
  }

  /** Counts {@code subscription} against {@code owner} (null: unbounded) and as one of {@code node}'s. */
  private void own(QueryNode<?> node, EngineSubscriptionImpl subscription, Owner owner) {
    subscription.owner = owner;
    if (owner == null) {
      node.unowned++;
      return;
    }
    owner.subscriptions++;
    owner.nodes.merge(node, 1, Integer::sum);
    node.owners.merge(owner, 1, Integer::sum);
  }

  private void disown(QueryNode<?> node, EngineSubscriptionImpl subscription) {
    Owner owner = subscription.owner;
    if (owner == null) {
      node.unowned--;
      return;
    }
    owner.subscriptions--;
    owner.nodes.computeIfPresent(node, (n, count) -> count == 1 ? null : count - 1);
    node.owners.computeIfPresent(owner, (o, count) -> count == 1 ? null : count - 1);
    if (owner.idle()) {
      owners.remove(owner.key);
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
        disown(node, subscription);
      } else if (node.waiting.remove(subscription)) {
        disown(node, subscription);
      }
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
      fail(operator, e);
    }
  }

  /**
   * Holds {@code node} back: every owner of it is out of engine time. It keeps its result as of
   * the batch's start and catches up from the history when an owner has time again.
   */
  private void defer(QueryNode<?> node) {
    node.pending = true;
    node.deferred = true;
    node.version = batchStart;
    queued.add(node);
    deferrals++;
  }

  private void touch(QueryNode<?> node) {
    if (!node.touched) {
      node.touched = true;
      touched.add(node);
      touches++;
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
      node.charge(node.work);
      node.work = 0;
      makePending(node);
      return;
    }
    long start = System.nanoTime();
    try {
      publish(node, to);
    } catch (RuntimeException e) {
      fail(node, e);
    }
    node.charge(node.work + System.nanoTime() - start);
    node.work = 0;
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
    install(node, image, lower, -1);
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

  /**
   * Installs a node read after {@code lower}: it catches up, then publishes, or waits for another
   * read. {@code readNanos}, the read's time, is charged to its owners with the catching up; -1
   * for a subscriber's first read, which is not charged.
   */
  private void install(QueryNode<?> node, NodeImage image, long lower, long readNanos) {
    List<Change> missed = missedSince(lower);
    lock.lock();
    long start = System.nanoTime();
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
      if (readNanos >= 0) {
        node.charge(readNanos + System.nanoTime() - start);
      }
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
      List<QueryNode<?>> catchUps = new ArrayList<>();
      lock.lock();
      try {
        takeWork(setsToRead, nodesToRead, catchUps);
        if (setsToRead.isEmpty() && nodesToRead.isEmpty() && catchUps.isEmpty()) {
          workArrived.await(onlyDeferred() ? 20 : 1_000, TimeUnit.MILLISECONDS);
          continue;
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
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
  private void takeWork(List<RelationSet<?>> setsToRead, List<QueryNode<?>> nodesToRead,
      List<QueryNode<?>> catchUps) {
    for (Operator operator : queued) {
      if (operator instanceof RelationSet<?> set) {
        if (set.pending && set.refs > 0 && !hasPendingSet(set)) {
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
    queued.removeAll(setsToRead);
    queued.removeAll(nodesToRead);
    queued.removeAll(catchUps);
  }

  /** Whether the only work queued is nodes held back for their owners' time: the reader looks again soon. */
  private boolean onlyDeferred() {
    for (Operator operator : queued) {
      if (!(operator instanceof QueryNode<?> node) || !node.deferred) {
        return false;
      }
    }
    return !queued.isEmpty();
  }

  /**
   * Brings a node that was held back up to date from the history, in memory; a read when the
   * history no longer reaches back to it, or a set it uses changed meanwhile.
   */
  private void catchUp(QueryNode<?> node) {
    lock.lock();
    try {
      node.deferred = false;
      if (nodes.get(node.query()) != node) {
        return;
      }
      if (!history.covers(node.version) || dependenciesMoved(node, node.version)) {
        queue(node);
        return;
      }
      long start = System.nanoTime();
      for (Change change : history.after(node.version)) {
        node.apply(change);
      }
      if (node.mustRead) {
        node.mustRead = false;
        node.touched = false;
        queue(node);
      } else {
        node.pending = false;
        publish(node, position);
      }
      node.charge(System.nanoTime() - start);
    } catch (RuntimeException e) {
      fail(node, e);
    } finally {
      lock.unlock();
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
    long lower = store.changes().latestVersion();
    List<NodeImage> images = NodeReader.read(store, batch);
    long share = (System.nanoTime() - start) / batch.size();
    for (int i = 0; i < batch.size(); i++) {
      images.get(i).readAfter(lower);
      install(batch.get(i), images.get(i), lower, share);
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
      disown(node, subscription);
      try {
        subscription.listener.failed(error);
      } catch (RuntimeException e) {
        log.error("a subscription listener failed on an error", e);
      }
    }
    node.subscriptions.clear();
    for (EngineSubscriptionImpl waiting : node.waiting) {
      waiting.closed = true;
      disown(node, waiting);
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
      return new EngineStats(nodes.size(), subscriptionCount, sets.size(), cache.size(), rows, pending, reads, touches,
          deferrals);
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
