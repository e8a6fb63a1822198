package dev.live.procedure;

import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.query.ListQuery;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.query.SingleQuery;
import dev.live.schema.CollectionSchema;
import java.util.List;
import java.util.Optional;

/**
 * The typed data API on the server: the generated query builders and DTOs, run against storage.
 * The server's {@code Store} runs each call in a transaction of its own; a {@code Transaction}
 * runs them in the transaction it stands for.
 *
 * <pre>{@code
 * List<TaskRow> open = store.list(TaskQuery.where(Task_.done.isFalse())
 *     .orderBy(Task_.due.asc()).limit(20).include(Task_.assignee));
 * Optional<Task> task = store.find(TaskQuery.all().one("t1"));
 * Task stored = store.insert(TaskInsert.builder().id("t2").title("Ship it").build());
 * store.update("t2", TaskUpdate.of().done(true));
 * store.delete(Task_.COLLECTION, "t2");
 * }</pre>
 *
 * <p>Every write runs the collection's hooks ({@code dev.live.storage.Hooks}) and appends to the change log. Failures are
 * {@link dev.live.error.LiveException}s with a stable code ({@code StorageException} for what
 * storage refused); no {@code SQLException} escapes.
 */
public interface DataAccess {
  /** The rows a list query asks for, typed by its includes. */
  default <T, R> List<R> list(ListQuery<T, R> query) {
    return select(query.spec(), query.shape());
  }

  /** The row a {@code first()} or {@code one(id)} query asks for, if there is one. */
  default <T, R> Optional<R> find(SingleQuery<T, R> query) {
    List<R> rows = select(query.spec(), query.shape());
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /**
   * The rows of a query given as data, built with {@code shape}: for code that receives queries
   * in their wire form. At most one row unless the query's cardinality is {@code MANY}.
   */
  <T, R> List<R> select(QuerySpec<T> spec, RowShape<T, R> shape);

  /** Inserts a row; returns it as stored (after before-insert hooks, with storage's precision). */
  <T> T insert(InsertDto<T> row);

  /**
   * Inserts rows in as few statements as the database allows; returns them as stored, in the
   * order given. All are inserted or, on any error, none.
   */
  <T> List<T> insertAll(List<? extends InsertDto<T>> rows);

  /**
   * Sets the fields {@code changes} sets on the row with {@code id} and returns it as stored;
   * fails with {@code NOT_FOUND} when there is no such row. Only the columns whose value changes
   * are written; an update that changes nothing writes nothing and logs no change.
   */
  <T> T update(Object id, UpdateDto<T> changes);

  /** Deletes the row with {@code id} and returns it as it was; {@code NOT_FOUND} when there is none. */
  <T> T delete(CollectionSchema<T> collection, Object id);

  /**
   * Runs {@code unit} in a transaction: on a {@code Store}, a new one; on a {@code Transaction},
   * a nested one (a savepoint), whose failure undoes only its own writes.
   */
  <R> R transaction(Unit<R> unit);

  /** Work done in a transaction. */
  @FunctionalInterface
  interface Unit<R> {
    R run(DataAccess tx);
  }
}
