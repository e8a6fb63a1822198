package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.server.protocol.ClientMessage;
import dev.live.storage.Change;
import dev.live.storage.StorageException;
import dev.live.storage.Store;
import dev.live.storage.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the mutations of many connections together: the mutations waiting when a group starts
 * run in one transaction, each in a nested transaction of its own ({@link Transaction#member}),
 * and are acknowledged once that transaction commits. A refused mutation rolls back alone; the
 * others of its group still apply. A group pays for one commit, one change log version claim and
 * one hand-off to the change tail instead of one each per mutation.
 *
 * <p>Order is kept where it matters: a connection sends its next request only once its mutation
 * is answered ({@link SerialExecutor}), and within a group members apply in arrival order, each
 * seeing the writes of those before it, as if they had committed one after another.
 */
final class GroupCommit {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  /** Bounds a group's transaction: its locks and its rollback work on a conflict. */
  static final int MAX_GROUP = 100;
  /**
   * Groups committing at once, at most. An embedded database is bound by the processor: a second
   * group would only contend with the first. A database server spends a commit waiting for its
   * disk, which a second group can overlap with its own work.
   */
  static final int MAX_RUNNING = 2;

  private final int maxRunning;

  /** The work of one mutation in its transaction: the JSON of the row to answer with. */
  interface MutationWork {
    Optional<String> apply(Transaction tx, AuthContext auth, String address, ClientMessage.Mutation mutation);
  }

  /** The path of a mutation committed alone, with its own retries: for one that conflicted in a group. */
  interface Alone {
    LiveService.Outcome mutate(AuthContext auth, String address, String clientId, long seq,
        ClientMessage.Mutation mutation);
  }

  private final Store store;
  private final Executor pool;
  private final MutationWork work;
  private final Alone alone;
  private final ServerMetrics metrics;
  private final ArrayDeque<Member> waiting = new ArrayDeque<>();
  private int running;

  GroupCommit(Store store, Executor pool, MutationWork work, Alone alone, ServerMetrics metrics) {
    this.store = store;
    this.maxRunning = store.database().isEmbedded() ? 1 : MAX_RUNNING;
    this.pool = pool;
    this.work = work;
    this.alone = alone;
    this.metrics = metrics;
  }

  /** Queues a mutation for the next group; the stage completes once its group committed or failed. */
  CompletableFuture<LiveService.Outcome> submit(AuthContext auth, String address, String clientId, long seq,
      ClientMessage.Mutation mutation) {
    Member member = new Member(auth, address, clientId, seq, mutation);
    boolean start;
    synchronized (this) {
      waiting.add(member);
      start = running < maxRunning;
      if (start) {
        running++;
      }
    }
    if (start) {
      schedule();
    }
    return member.outcome;
  }

  /** Mutations queued for a group that has not started yet. */
  synchronized int waiting() {
    return waiting.size();
  }

  private void schedule() {
    try {
      pool.execute(this::runGroup);
    } catch (RejectedExecutionException e) {
      runGroup(); // the server is stopping: answer what waits rather than leave it waiting
    }
  }

  private void runGroup() {
    List<Member> group = new ArrayList<>();
    synchronized (this) {
      while (group.size() < MAX_GROUP && !waiting.isEmpty()) {
        group.add(waiting.poll());
      }
      if (group.isEmpty()) {
        running--;
        return;
      }
    }
    try {
      commit(group);
    } finally {
      boolean again;
      synchronized (this) {
        again = !waiting.isEmpty();
        if (!again) {
          running--;
        }
      }
      if (again) {
        schedule(); // one group per pool turn: other requests get their turn between groups
      }
    }
  }

  private void commit(List<Member> group) {
    long[] groupVersion = {0};
    Error fatal = null;
    try {
      store.withTransaction(tx -> {
        for (Member member : group) {
          member.reset(); // the whole group runs again after a conflict
        }
        tx.afterCommit(changes -> groupVersion[0] = lastVersion(changes));
        // Client → highest seq claimed by a member of this attempt that applied.
        Map<String, Long> claimed = new HashMap<>();
        for (Member member : group) {
          run(tx, member, claimed);
        }
        return null;
      });
      metrics.mutationGroups.increment();
    } catch (LiveException e) {
      for (Member member : group) {
        member.failedWith(e);
      }
    } catch (RuntimeException | Error e) {
      log.error("a group of mutations failed unexpectedly", e);
      for (Member member : group) {
        member.failedWith(new LiveException(ErrorCode.STORAGE_FAILED,
            "the server failed to commit this mutation; nothing was written"));
      }
      if (e instanceof Error error) {
        fatal = error;
      }
    } finally {
      // Every member is answered, whatever happened: its connection waits for it to go on.
      for (Member member : group) {
        Error failed = complete(member, groupVersion[0]);
        fatal = fatal == null ? failed : fatal;
      }
    }
    if (fatal != null) {
      throw fatal; // once the members know: it ends this committer thread, and the server with it
    }
  }

  /** Answers {@code member}; the Error that answering it ran into, for the caller to throw once all are answered. */
  private @Nullable Error complete(Member member, long groupVersion) {
    try {
      member.outcome.complete(member.conflicted
          ? alone.mutate(member.auth, member.address, member.clientId, member.seq, member.mutation)
          : member.settled(groupVersion));
      return null;
    } catch (RuntimeException | Error e) {
      log.error("answering a mutation of a group failed", e);
      member.outcome.complete(new LiveService.Outcome.Rejected(new LiveException(ErrorCode.STORAGE_FAILED,
          "the server failed to answer this mutation; it may have been applied")));
      return e instanceof Error error ? error : null;
    }
  }

  private void run(Transaction tx, Member member, Map<String, Long> claimed) {
    try {
      tx.member(inner -> {
        if (!inner.claimMutation(member.clientId, member.seq)) {
          member.decided = new LiveService.Outcome.Duplicate(inner.lastMutation(member.clientId));
          member.duplicateInGroup = claimed.getOrDefault(member.clientId, 0L) >= member.seq;
          return null;
        }
        inner.afterCommit(changes -> member.version = lastVersion(changes));
        member.json = work.apply(inner, member.auth, member.address, member.mutation);
        return null;
      });
      if (member.decided == null) {
        claimed.merge(member.clientId, member.seq, Math::max);
      }
    } catch (StorageException e) {
      if (e.isRetryable()) {
        member.conflicted = true; // run alone after the group, with the store's retries
      } else {
        member.decided = new LiveService.Outcome.Rejected(e);
      }
    } catch (RuntimeException e) {
      member.decided = LiveService.rejected(e);
    } // an Error rolls the whole group back, and then stops the server (see commit)
  }

  private static long lastVersion(List<Change> changes) {
    return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).version();
  }

  /** One mutation of a group, and what became of it in the group's current attempt. */
  private final class Member {
    final AuthContext auth;
    /** The client's address, whose anonymous clients share a write quota. */
    final String address;
    final String clientId;
    final long seq;
    final ClientMessage.Mutation mutation;
    final CompletableFuture<LiveService.Outcome> outcome = new CompletableFuture<>();
    /** Refused or a duplicate; null while it applies. */
    LiveService.@Nullable Outcome decided;
    Optional<String> json = Optional.empty();
    /** The version of its last change, set on commit; 0 when it wrote nothing. */
    long version;
    boolean conflicted;
    /**
     * A duplicate only of a member of this same attempt: a client that sent its mutation again on
     * a new connection while the first was still waiting, both landing in one group.
     */
    boolean duplicateInGroup;

    Member(AuthContext auth, String address, String clientId, long seq, ClientMessage.Mutation mutation) {
      this.auth = auth;
      this.address = address;
      this.clientId = clientId;
      this.seq = seq;
      this.mutation = mutation;
    }

    void reset() {
      decided = null;
      json = Optional.empty();
      version = 0;
      conflicted = false;
      duplicateInGroup = false;
    }

    /**
     * The group did not commit: what applied in it did not happen. A refusal keeps its own reason,
     * and a duplicate of an earlier transaction stays one; a duplicate of a member of this group
     * is not one any more (nothing was applied), so it fails with the group and may be sent again.
     */
    void failedWith(LiveException error) {
      boolean duplicate = decided instanceof LiveService.Outcome.Duplicate && !duplicateInGroup;
      if (!(decided instanceof LiveService.Outcome.Rejected) && !duplicate) {
        decided = new LiveService.Outcome.Rejected(error);
      }
      conflicted = false;
    }

    /** {@code groupVersion}: the group's last change, for a member that wrote nothing. */
    LiveService.Outcome settled(long groupVersion) {
      if (decided != null) {
        return decided;
      }
      if (version > 0) {
        metrics.mutations.increment();
        return new LiveService.Outcome.Applied(version, json);
      }
      return new LiveService.Outcome.Applied(groupVersion > 0 ? groupVersion : store.changes().latestVersion(), json);
    }
  }
}
