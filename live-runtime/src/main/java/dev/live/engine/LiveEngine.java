package dev.live.engine;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.QuerySpec;
import dev.live.storage.ChangeFeed;
import dev.live.storage.ChangeTail;
import dev.live.storage.Store;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

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
  /** How long a subscribe waits for a new query's first result. */
  private static final long FIRST_RESULT_SECONDS = 30;

  private final EngineCore core;
  private final Reloader reloader;
  private final ChangeTail tail;

  private LiveEngine(Store store, EngineOptions options, Consumer<? super Throwable> onError) {
    ChangeFeed feed = store.changes();
    this.core = new EngineCore(store, options, feed.latestVersion());
    this.reloader = new Reloader(core, onError);
    reloader.start();
    this.tail = feed.tail(core.position, new TailApplier(core)::apply, onError);
  }

  /** Starts an engine following {@code store}'s change log from its latest version, with default bounds. */
  public static LiveEngine start(Store store) {
    return start(store, EngineOptions.defaults());
  }

  /** Starts an engine following {@code store}'s change log, bounding each owner by {@code options}. */
  public static LiveEngine start(Store store, EngineOptions options) {
    return start(store, options, error -> { });
  }

  /**
   * Starts an engine as {@link #start(Store, EngineOptions)} does, and calls {@code onError} when
   * an {@code Error} (or an exception nothing expected) stops one of its threads (the change tail
   * or the reader), on that thread and before it is logged. The engine does not run on after that ({@link #isRunning()} is false): a
   * server stops on it ({@code docs/configuration.md}, "Fatal errors"). {@code onError} should
   * allocate little and must not block: the error may be an {@code OutOfMemoryError}.
   */
  public static LiveEngine start(Store store, EngineOptions options, Consumer<? super Throwable> onError) {
    return new LiveEngine(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(onError, "onError"));
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
    core.lock.lock();
    try {
      node = core.nodes.get(query);
      Owner counted = owner == null ? null : core.owners.admit(owner, node);
      if (node != null && node.everPublished) {
        core.owners.own(node, subscription, counted);
        core.join(node, subscription);
        return subscription;
      }
      if (node == null) {
        refuseOverHeldRows();
        node = new QueryNode<>(query, core.values, core.index, core.cache);
        node.collectUses(core.sets);
        core.nodes.put(query, node);
        core.index.add(node);
        node.loading = true;
        core.firstResults.put(node, new CompletableFuture<>());
        create = true;
      }
      core.owners.own(node, subscription, counted);
      subscription.node = node;
      node.waiting.add(subscription);
      first = core.firstResults.get(node);
    } finally {
      core.lock.unlock();
    }
    if (create) {
      // Not charged to the owner: the subscriber's own thread waits for it, and the message rate
      // and the per-owner query limit bound how many such reads one owner makes.
      try {
        reloader.read(node);
      } catch (RuntimeException e) {
        core.fail(node, e);
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

  /**
   * Sends {@code subscription} its whole current result again, as a snapshot; its later deltas
   * continue from it. For a subscriber that dropped deltas it could not keep up with.
   */
  public void resnapshot(EngineSubscription subscription) {
    EngineSubscriptionImpl impl = (EngineSubscriptionImpl) subscription;
    core.lock.lock();
    try {
      QueryNode<?> node = impl.node;
      if (impl.closed || node == null || !node.subscriptions.contains(impl)) {
        return;
      }
      impl.lastVersion = node.pending ? node.version : core.position;
      impl.listener.snapshot(impl.lastVersion, node.snapshotJson());
    } finally {
      core.lock.unlock();
    }
  }

  void unsubscribe(EngineSubscriptionImpl subscription) {
    core.lock.lock();
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
        core.subscriptionCount--;
        core.owners.disown(node, subscription);
      } else if (node.waiting.remove(subscription)) {
        core.owners.disown(node, subscription);
      }
      if (node.subscriptions.isEmpty() && node.waiting.isEmpty() && core.nodes.get(node.query()) == node) {
        core.drop(node);
      }
    } finally {
      core.lock.unlock();
    }
  }

  /** Whether the engine still follows the change log and reads queries: not closed, and no thread of it stopped. */
  public boolean isRunning() {
    return tail.isRunning() && reloader.isRunning();
  }

  /** The version up to which every node is current. */
  public long position() {
    return core.position;
  }

  /**
   * Waits, at most {@code max}, until the engine has applied every change up to {@code version},
   * and says whether it has: a client that comes from another node may hold results of versions
   * this node has not read yet, and a snapshot older than those would take it back in time.
   * Interrupted, it stops waiting (the interrupt is kept).
   */
  public boolean awaitPosition(long version, java.time.Duration max) {
    if (core.position >= version) {
      return true;
    }
    long remaining = max.toNanos();
    core.lock.lock();
    try {
      while (core.position < version && remaining > 0) {
        remaining = core.advanced.awaitNanos(remaining);
      }
      return core.position >= version;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return core.position >= version;
    } finally {
      core.lock.unlock();
    }
  }

  /** The number of distinct queries maintained. */
  public int nodeCount() {
    core.lock.lock();
    try {
      return core.nodes.size();
    } finally {
      core.lock.unlock();
    }
  }

  /** The number of open subscriptions. */
  public int subscriptionCount() {
    core.lock.lock();
    try {
      return core.subscriptionCount;
    } finally {
      core.lock.unlock();
    }
  }

  /**
   * Refuses a new query while the queries hold {@link EngineOptions#maxHeldRows()} rows or more:
   * a client could otherwise make the engine hold a table's rows once per query it invents.
   * Called under the lock; counts every node's rows, which is cheap beside the read a new query
   * costs.
   */
  private void refuseOverHeldRows() {
    long max = core.owners.options().maxHeldRows();
    if (max == Long.MAX_VALUE) {
      return;
    }
    long held = 0;
    for (QueryNode<?> node : core.nodes.values()) {
      held += node.heldRows();
    }
    if (held >= max) {
      throw new dev.live.error.LiveException(dev.live.error.ErrorCode.LIMIT_EXCEEDED, "the server's live queries"
          + " hold " + held + " rows, as many as it allows (" + max + "); subscribe to a query already followed,"
          + " or try again later");
    }
  }

  /** What the engine holds now, for monitoring and tests. */
  public EngineStats stats() {
    core.lock.lock();
    try {
      int pending = 0;
      long rows = 0;
      for (QueryNode<?> node : core.nodes.values()) {
        pending += node.pending ? 1 : 0;
        rows += node.heldRows();
      }
      return new EngineStats(core.nodes.size(), core.subscriptionCount, core.sets.size(), core.cache.size(), rows,
          pending, core.reads, core.touches, core.deferrals, core.owners.size());
    } finally {
      core.lock.unlock();
    }
  }

  public void close() {
    tail.close();
    reloader.close();
  }
}
