package dev.live.storage;

import dev.live.schema.CollectionSchema;

/**
 * A check on each row a part of a transaction is about to store, installed with {@link
 * Transaction#checkingWrites}: it sees the row an insert or an update would leave in storage,
 * after the before-hooks, before the statement runs, and throws to refuse the write. The server
 * checks a client's write quotas this way, on the writes of its mutations and of the procedures
 * it calls, whoever in the transaction makes them (the procedure, a hook), while the
 * application's own writes stay unchecked.
 *
 * <p>A refusal fails the write like any other failed write: the transaction, or the nested
 * transaction the write ran in, can only roll back. Deletes are not checked: they store nothing.
 */
public interface WriteCheck {
  /**
   * Called before {@code row} is stored in {@code collection} by an insert, or by an update that
   * changes something; throws (a {@link dev.live.error.LiveException}, with its code) to refuse.
   * {@code tx} is the transaction writing, for {@link Transaction#afterCommit}.
   */
  <T> void beforeStore(Transaction tx, CollectionSchema<T> collection, T row);
}
