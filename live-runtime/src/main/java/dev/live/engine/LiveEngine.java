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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps subscribed queries current. It follows the store's change log, so it sees every committed
 * write in version order whoever made it (clients, procedures, server code), finds the nodes a
 * change can matter to through a {@link CandidateIndex}, brings them up to date, and hands each
 * subscription the difference.
 *
 * <pre>{@code
 * try (LiveEngine engine = LiveEngine.start(store)) {
 *   EngineSubscription s = engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).spec(), listener);
 * }
 * }</pre>
 *
 * <p>Subscriptions with equal queries share one node. Queries that read rules restrict are
 * different queries, so subscribers with different rules never share results.
 */
public final class LiveEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveEngine.class);

  private final Store store;
  private final ValueOrder values;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<NodeQuery<?>, QueryNode<?>> nodes = new HashMap<>();
  private final CandidateIndex index = new CandidateIndex();
  private final ChangeTail tail;
  /** The version up to which every change has been applied to every node. */
  private volatile long position;
  private int subscriptionCount;

  private LiveEngine(Store store) {
    this.store = store;
    this.values = store.database().isEmbedded() ? ValueOrder.H2 : ValueOrder.POSTGRESQL;
    ChangeFeed feed = store.changes();
    this.position = feed.latestVersion();
    this.tail = feed.tail(position, this::apply);
  }

  /** Starts an engine following {@code store}'s change log from its latest version. */
  public static LiveEngine start(Store store) {
    return new LiveEngine(Objects.requireNonNull(store, "store"));
  }

  /**
   * Subscribes {@code listener} to {@code spec}: it receives the current result, then every
   * change to it. Reads storage when no subscription to an equal query exists; fails with the
   * storage's error then (nothing is subscribed).
   */
  public EngineSubscription subscribe(QuerySpec<?> spec, SubscriptionListener listener) {
    NodeQuery<?> query = NodeQuery.of(spec);
    EngineSubscriptionImpl subscription = new EngineSubscriptionImpl(this, listener);
    lock.lock();
    try {
      QueryNode<?> node = nodes.get(query);
      if (node != null) {
        join(node, subscription);
        return subscription;
      }
    } finally {
      lock.unlock();
    }
    // A new node reads storage outside the lock, so that changes keep flowing meanwhile. If the
    // engine moved past the read's lower bound during it, the read may lack those changes: read
    // again, a few times outside the lock, before doing it under the lock as a last resort.
    QueryNode<?> fresh = new QueryNode<>(query, values);
    for (int attempt = 0; attempt < 3; attempt++) {
      fresh.read(store, bounds());
      if (fresh.freshFrom() >= position) {
        break;
      }
    }
    lock.lock();
    try {
      QueryNode<?> node = nodes.get(query);
      if (node == null) {
        node = fresh;
        if (fresh.freshFrom() < position) {
          // Changes were applied to every node while this one was read, and may be missing from it.
          fresh.read(store, bounds());
        }
        nodes.put(query, node);
        index.add(node);
        for (ResultRow row : node.rows()) {
          index.hold(node, row.id());
        }
      }
      join(node, subscription);
      return subscription;
    } finally {
      lock.unlock();
    }
  }

  private void join(QueryNode<?> node, EngineSubscriptionImpl subscription) {
    subscription.node = node;
    subscription.lastVersion = Math.max(position, node.freshFrom());
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
      if (impl.closed || impl.node == null) {
        return;
      }
      impl.lastVersion = Math.max(position, impl.node.freshFrom());
      impl.listener.snapshot(impl.lastVersion, impl.node.snapshotJson());
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
      if (node != null && node.subscriptions.remove(subscription)) {
        subscriptionCount--;
        if (node.subscriptions.isEmpty()) {
          drop(node);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void drop(QueryNode<?> node) {
    nodes.remove(node.query());
    index.remove(node);
  }

  /** One delivery of the change tail: whole transactions, in version order. */
  private void apply(List<Change> changes) {
    long to = changes.get(changes.size() - 1).version();
    lock.lock();
    List<QueryNode<?>> touched = new ArrayList<>();
    Map<QueryNode<?>, RuntimeException> broken = new HashMap<>();
    try {
      for (Change change : changes) {
        for (QueryNode<?> node : index.candidates(change)) {
          if (change.version() <= node.freshFrom() || broken.containsKey(node)) {
            continue;
          }
          if (!node.isTouched()) {
            touched.add(node);
          }
          try {
            node.apply(change);
          } catch (RuntimeException e) {
            broken.put(node, e); // ends this node's subscriptions; the others go on
            continue;
          }
          if (node.holds(change.id())) {
            // A later change of the same row in this batch must find the node that now holds it.
            index.hold(node, change.id());
          }
        }
      }
    } finally {
      // Every node touched is finished, whatever happened, or it would never be again.
      for (QueryNode<?> node : touched) {
        RuntimeException failure = broken.get(node);
        try {
          if (failure == null) {
            finish(node, to);
            continue;
          }
        } catch (RuntimeException e) {
          failure = e;
        }
        if (node.isTouched()) {
          node.finish();
        }
        if (nodes.get(node.query()) == node) {
          fail(node, failure);
        }
      }
      position = to;
      lock.unlock();
    }
  }

  private void finish(QueryNode<?> node, long to) {
    if (node.mustRead()) {
      IncludeScope old = node.scope();
      try {
        node.read(store, bounds());
        index.replaceScope(node, old, node.scope());
      } catch (RuntimeException e) {
        node.finish();
        fail(node, e);
        return;
      }
    }
    ResultDiff diff = node.finish();
    for (ResultRow row : diff.removed()) {
      index.unhold(node, row.id());
    }
    for (ResultRow row : diff.added()) {
      index.hold(node, row.id());
    }
    for (Object id : node.batchIds()) {
      if (!node.holds(id)) {
        index.unhold(node, id); // held for a moment within the batch only
      }
    }
    node.batchIds().clear();
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

  private void fail(QueryNode<?> node, RuntimeException cause) {
    log.warn("a live query could not be read again and its {} subscriptions end: {}",
        node.subscriptions.size(), node.query(), cause);
    LiveException error = cause instanceof LiveException live ? live
        : new LiveException(ErrorCode.STORAGE_FAILED, "the query could not be kept current", cause);
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
    drop(node);
  }

  private QueryNode.VersionBounds bounds() {
    ChangeFeed feed = store.changes();
    return new QueryNode.VersionBounds() {
      @Override
      public long lower() {
        return feed.latestVersion();
      }

      @Override
      public long upper() {
        return feed.highestCommittable();
      }
    };
  }

  /** Whether the engine still follows the change log (it stops only on an {@code Error}). */
  public boolean isRunning() {
    return tail.isRunning();
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

  /** Stops following the change log; subscriptions receive nothing more. */
  @Override
  public void close() {
    tail.close();
  }
}
