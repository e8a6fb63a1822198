package dev.live.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Reads the change log: where the live query engine learns of every committed write, whoever
 * made it, in version order.
 *
 * <pre>{@code
 * ChangeFeed feed = store.changes();
 * long from = feed.latestVersion();
 * try (ChangeTail tail = feed.tail(from, changes -> engine.apply(changes))) { ... }
 * }</pre>
 */
public final class ChangeFeed {
  private final Store store;
  private final Set<ChangeTail> tails = new CopyOnWriteArraySet<>();

  ChangeFeed(Store store) {
    this.store = store;
  }

  /**
   * The version up to which every write is committed and readable: the latest committed write's,
   * or on an embedded database, the one before the oldest write still committing. 0 before the
   * first write.
   */
  public long latestVersion() {
    store.requireOpen();
    if (store.clock().isPresent()) {
      return store.clock().get().visible();
    }
    return store.read("reading the latest version", ChangeLog::latestVersion);
  }

  /**
   * A version that no write committed so far exceeds: what a read that just ended may have seen
   * at most. With {@link #latestVersion()}, read before, it brackets what a read saw: every write
   * up to {@code latestVersion()} and none above {@code highestCommittable()}. On PostgreSQL, where
   * versions commit in order, it is the latest version; on an embedded database, whose writers
   * commit in parallel, it is the last version handed out to a committing transaction.
   */
  public long highestCommittable() {
    store.requireOpen();
    if (store.clock().isPresent()) {
      return store.clock().get().taken();
    }
    return store.read("reading the latest version", ChangeLog::latestVersion);
  }

  /**
   * Up to {@code max} changes with versions above {@code afterVersion}, in version order. Because
   * versions become visible in increasing order, a reader that continues from the last version it
   * saw never misses a change.
   */
  public List<Change> readAfter(long afterVersion, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max is at least 1, not " + max);
    }
    ChangeLog.Page page = page(afterVersion, max);
    // A full page of changes of collections the schema no longer has must not read as the end.
    while (page.changes().isEmpty() && page.full()) {
      page = page(page.scannedTo(), max);
    }
    return page.changes();
  }

  ChangeLog.Page page(long afterVersion, int max) {
    // On an embedded database, only up to the versions below those still in flight.
    long upTo = store.clock().map(VersionClock::visible).orElse(Long.MAX_VALUE);
    if (upTo <= afterVersion) {
      return new ChangeLog.Page(List.of(), afterVersion, false);
    }
    return store.read("reading the change log", sql -> ChangeLog.readAfter(sql, store.schema(), afterVersion, upTo, max));
  }

  /**
   * Delivers every change after {@code afterVersion} to {@code listener}, in version order, on a
   * thread of its own, until the tail is closed. Each delivery ends at a transaction's end unless
   * one transaction alone exceeds the batch size. The listener is never called concurrently with
   * itself. It owns its failures: an exception it throws is logged and the tail moves on to the
   * next changes; an {@code Error} stops the tail (and is logged).
   */
  public ChangeTail tail(long afterVersion, Consumer<List<Change>> listener) {
    return tail(afterVersion, listener, error -> { });
  }

  /**
   * As {@link #tail(long, Consumer)}, and when an {@code Error} stops the tail (thrown by the
   * listener or while reading the log; or an exception nothing expected), hands it to {@code onError} on the tail's thread before
   * logging it: a server stops on it rather than serve without its tail ({@code
   * docs/configuration.md}, "Fatal errors"). {@code onError} should allocate little and must not
   * block: the error may be an {@code OutOfMemoryError}.
   */
  public ChangeTail tail(long afterVersion, Consumer<List<Change>> listener, Consumer<? super Throwable> onError) {
    store.requireOpen();
    ChangeTail tail = new ChangeTail(this, afterVersion, listener, java.util.Objects.requireNonNull(onError,
        "onError"), store.options().tailBatchSize(), store.options().tailPollInterval());
    tails.add(tail);
    tail.start();
    store.wakeups().ifPresent(wakeups -> wakeups.listen(this, onError));
    return tail;
  }

  /**
   * What this store's wake-ups across nodes have done: on PostgreSQL, where its commits are
   * NOTIFYed to other nodes and theirs wake its tails (docs/scale-out.md); empty on H2, whose
   * single process needs none, and when {@link StoreOptions#crossNodeWakeups()} is off.
   */
  public Optional<WakeupStats> wakeups() {
    return store.wakeups().map(NodeWakeups::stats);
  }

  /**
   * Who takes the control messages the nodes of this database send each other ({@link
   * #sendControl}); they arrive on the listener's thread, so the handler hands work on. On H2, and
   * with the wake-ups off, there are none.
   */
  public void onControl(Consumer<String> handler) {
    store.wakeups().ifPresent(wakeups -> wakeups.onControl(handler));
  }

  /**
   * Sends {@code text} to every node of this database (this one included: tell your own apart),
   * at most 4,000 bytes; whether it went out. False on H2 and with the wake-ups off, where this
   * node is the only one that listens.
   */
  public boolean sendControl(String text) {
    return store.wakeups().map(wakeups -> wakeups.sendControl(text)).orElse(false);
  }

  /**
   * After a local commit, or when the listener for other nodes' commits (re)connects: tails look
   * at the log now rather than at their next poll.
   */
  void wake() {
    for (ChangeTail tail : tails) {
      tail.wake();
    }
  }

  /**
   * Another node committed up to {@code version}: the tails that have not read that far look at
   * the log now. Those that have (this node's own commits come back this way too) sleep on.
   */
  void wakeBehind(long version) {
    for (ChangeTail tail : tails) {
      if (tail.position() < version) {
        tail.wake();
      }
    }
  }

  void closed(ChangeTail tail) {
    tails.remove(tail);
  }

  void closeAll() {
    for (ChangeTail tail : tails) {
      tail.close();
    }
  }
}
