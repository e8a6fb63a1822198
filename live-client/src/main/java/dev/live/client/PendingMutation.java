package dev.live.client;

import dev.live.dto.UpdateDto;
import dev.live.procedure.ProcedureDescriptor;
import dev.live.schema.CollectionSchema;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A write of this client that the server has not confirmed everywhere yet: an insert, update or
 * delete of one row, or a call of a mutation procedure. It gets its sequence number when first
 * sent, keeps it across reconnects (the server deduplicates by it), and stays after its ack
 * until the subscriptions show its effect, so that the optimistic view does not flicker back.
 */
final class PendingMutation {
  enum Kind { INSERT, UPDATE, DELETE, CALL }

  final Kind kind;
  /** The collection written; null for a call. */
  final @Nullable CollectionSchema<?> collection;
  /** The row's id; null for a call. */
  final @Nullable Object key;
  /** For an insert: the new record. */
  final @Nullable Object inserted;
  /** For an update: the changes. */
  final @Nullable UpdateDto<?> update;
  /** For a call: the procedure. */
  final @Nullable ProcedureDescriptor<?, ?> procedure;
  /** The message members after id and seq, as JSON text (what is sent, and what the outbox file keeps). */
  final String body;
  /** Completed with the server's row (or a call's result); null for a mutation restored from the outbox file. */
  final @Nullable CompletableFuture<Object> future;

  /** 0 until first sent. */
  long seq;
  /**
   * When it was first sent (epoch milliseconds, by this machine's clock, kept in the outbox file):
   * past the server's client retention it is not sent again. 0 until sent, and for a mutation an
   * outbox file of an older client kept without it.
   */
  long sentAt;
  /** The version of the applied write, once acked; -1 before. */
  long ackVersion = -1;
  /** The row as the server stored it (null for a delete or an unreadable row), once acked. */
  @Nullable Object ackRecord;
  /** When the ack came (nanoTime), for the bound on how long an acked mutation stays in the view. */
  long ackedAt;

  PendingMutation(Kind kind, @Nullable CollectionSchema<?> collection, @Nullable Object key, @Nullable Object inserted,
      @Nullable UpdateDto<?> update, @Nullable ProcedureDescriptor<?, ?> procedure, String body,
      @Nullable CompletableFuture<Object> future) {
    this.kind = kind;
    this.collection = collection;
    this.key = key;
    this.inserted = inserted;
    this.update = update;
    this.procedure = procedure;
    this.body = body;
    this.future = future;
  }

  boolean acked() {
    return ackVersion >= 0;
  }

  /**
   * Whether sending it again could apply it twice: it was sent before, and the server, which keeps
   * a client's record for {@code retentionMillis} after its last mutation, may have forgotten it by
   * now. A tenth of the window, at most a day, is kept as a margin for the clocks of this machine
   * and the database, which measure the two ends. A sent mutation of unknown age counts as expired.
   */
  boolean expired(long nowMillis, long retentionMillis) {
    if (seq == 0 || retentionMillis <= 0) {
      return false;
    }
    long margin = Math.min(retentionMillis / 10, 86_400_000L);
    return sentAt == 0 || nowMillis - sentAt >= retentionMillis - margin;
  }

  /** Whether this write touches row {@code id} of {@code of}. */
  boolean touches(CollectionSchema<?> of, Object id) {
    return collection == of && key.equals(id);
  }

  /**
   * The row after this write, given the row before it (null when absent); after the ack, the
   * server's row.
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the update's collection is the row's
  @Nullable Object apply(@Nullable Object before) {
    if (acked()) {
      return ackRecord;
    }
    return switch (kind) {
      case INSERT -> inserted;
      case UPDATE -> before == null ? null : ((UpdateDto) update).applyTo(before);
      case DELETE -> null;
      case CALL -> before;
    };
  }
}
