package dev.live.storage;

import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.jdbc.JdbcParameterWriter;
import dev.live.jdbc.UnstorableValueException;
import dev.live.procedure.DataAccess;
import dev.live.query.Field;
import dev.live.query.IncludedValues;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.schema.CollectionSchema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One database transaction, handed to the unit given to {@link Store#transaction}. Reads see
 * the transaction's own writes. It belongs to the thread running the unit and ends with it.
 *
 * <pre>{@code
 * Task moved = store.transaction(tx -> {
 *   Task task = tx.find(TaskQuery.all().one("t1")).orElseThrow();
 *   tx.insert(CommentInsert.builder().id(UUID.randomUUID()).taskId("t1")...build());
 *   return tx.update("t1", TaskUpdate.of().boardId("b2"));
 * });
 * }</pre>
 *
 * <p>A statement that fails ends the transaction on PostgreSQL; so that H2 behaves the same,
 * any later call fails too, until the unit returns and the transaction rolls back. To go on after
 * a write that may fail, run that write in a nested {@link #transaction(Unit)}: its failure
 * undoes only its own writes and leaves this transaction usable.
 */
public final class Transaction implements DataAccess {
  /** Work done in a transaction that uses more of it than {@link DataAccess} offers. */
  @FunctionalInterface
  public interface Work<R> {
    R run(Transaction tx);
  }

  /** Writes made by hooks of writes made by hooks...: deeper than this, a hook triggers itself. */
  static final int MAX_WRITE_DEPTH = 32;

  private final StoreContext context;
  private final Sql sql;
  private final List<PendingChange> pending = new ArrayList<>();
  /** How many nested transactions are open. */
  private int nesting;
  private final List<Consumer<List<Change>>> afterCommit = new ArrayList<>();
  private int writeDepth;
  /** The checks of the {@link #checkingWrites} regions open now, outermost first. */
  private final List<WriteCheck> checks = new ArrayList<>(); // no array until a region opens
  private StorageException failure;
  private boolean ended;

  Transaction(StoreContext context, Sql sql) {
    this.context = context;
    this.sql = sql;
  }

  @Override
  public <T, R> List<R> select(QuerySpec<T> spec, RowShape<T, R> shape) {
    requireUsable();
    CollectionSchema<T> collection = spec.collection();
    context.table(collection);
    try {
      List<T> rows = sql.query(QuerySql.select(spec), collection.rowMapper());
      List<IncludedValues> included = IncludeLoader.load(sql, rows, spec.includes());
      List<R> results = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        results.add(shape.build(rows.get(i), included.get(i)));
      }
      return results;
    } catch (SQLException e) {
      throw failed(context.errors().map(e, SqlErrors.Operation.READ, collection, spec.id().orElse(null)));
    }
  }

  @Override
  public <T> T insert(InsertDto<T> row) {
    CollectionSchema<T> collection = row.collection();
    TableSql<T> table = context.table(collection);
    T value = row.toRecord();
    return write(() -> {
      Hooks.CollectionHooks<T> hooks = context.hooks().of(collection);
      T toInsert = hooks.beforeInsert(this, collection, value);
      checkBeforeStore(collection, toInsert);
      T stored = insertRows(table, List.of(toInsert), table.insert()).get(0);
      pending.add(PendingChange.of(collection, Change.Operation.INSERT, fieldNames(collection.fields()), stored));
      hooks.afterInsert(this, stored);
      return stored;
    });
  }

  @Override
  public <T> List<T> insertAll(List<? extends InsertDto<T>> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    CollectionSchema<T> collection = rows.get(0).collection();
    TableSql<T> table = context.table(collection);
    List<T> values = new ArrayList<>(rows.size());
    for (InsertDto<T> row : rows) {
      if (row.collection() != collection) {
        throw new IllegalArgumentException("insertAll takes rows of one collection; found "
            + collection.name() + " and " + row.collection().name());
      }
      values.add(row.toRecord());
    }
    return write(() -> {
      Hooks.CollectionHooks<T> hooks = context.hooks().of(collection);
      List<T> toInsert = new ArrayList<>(values.size());
      for (T value : values) {
        toInsert.add(hooks.beforeInsert(this, collection, value));
      }
      for (T row : toInsert) {
        checkBeforeStore(collection, row);
      }
      List<T> stored = insertBatched(table, toInsert);
      List<String> names = fieldNames(collection.fields());
      for (T row : stored) {
        pending.add(PendingChange.of(collection, Change.Operation.INSERT, names, row));
      }
      for (T row : stored) {
        hooks.afterInsert(this, row);
      }
      return stored;
    });
  }

  @Override
  public <T> T update(Object id, UpdateDto<T> changes) {
    CollectionSchema<T> collection = changes.collection();
    TableSql<T> table = context.table(collection);
    requireIdValue(collection, id);
    return write(() -> {
      T before = lockRow(table, id, SqlErrors.Operation.UPDATE);
      Hooks.CollectionHooks<T> hooks = context.hooks().of(collection);
      T after = hooks.beforeUpdate(this, collection, before, changes.applyTo(before));
      Object newId = collection.id().get(after);
      if (!id.equals(newId)) {
        throw new StorageException(ErrorCode.FIELD_NOT_UPDATABLE, "a beforeUpdate hook of " + collection.name()
            + " changed the id from '" + id + "' to '" + newId + "'; the id of a row never changes",
            collection.name(), collection.id().name(), null, false);
      }
      List<Field<T, ?>> changed = StoredValueEquality.changedFields(collection, before, after);
      if (changed.isEmpty()) {
        return before;
      }
      for (Field<T, ?> field : changed) {
        if (field.get(after) == null && !field.isNullable()) {
          throw new StorageException(ErrorCode.NULL_NOT_ALLOWED, collection.name() + "." + field.name()
              + " would be null after this update, but it is required; every field not marked @Nullable"
              + " needs a value", collection.name(), field.name(), null, false);
        }
      }
      checkBeforeStore(collection, after);
      T stored = updateRow(table, id, changed, after);
      pending.add(PendingChange.of(collection, Change.Operation.UPDATE, fieldNames(changed), stored));
      hooks.afterUpdate(this, before, stored);
      return stored;
    });
  }

  @Override
  public <T> T delete(CollectionSchema<T> collection, Object id) {
    TableSql<T> table = context.table(collection);
    requireIdValue(collection, id);
    return write(() -> {
      T before = lockRow(table, id, SqlErrors.Operation.DELETE);
      Hooks.CollectionHooks<T> hooks = context.hooks().of(collection);
      hooks.beforeDelete(this, before);
      try (PreparedStatement delete = sql.prepare(table.delete())) {
        SqlValues.bind(sql.writer(delete), 1, collection.id(), id);
        delete.executeUpdate();
      } catch (SQLException e) {
        throw failed(context.errors().map(e, SqlErrors.Operation.DELETE, collection, id));
      }
      pending.add(PendingChange.of(collection, Change.Operation.DELETE, List.of(), before));
      hooks.afterDelete(this, before);
      return before;
    });
  }

  /** Runs {@code unit} in a nested transaction: a savepoint that its failure rolls back to. */
  @Override
  public <R> R transaction(Unit<R> unit) {
    return nested(unit::run);
  }

  private <R> R nested(Work<R> unit) {
    requireUsable();
    Savepoint savepoint;
    try {
      // Named by depth, not numbered: the statement's text repeats, so the database parses it
      // once (H2 parses every new text). One savepoint per depth is open at a time.
      savepoint = sql.connection().setSavepoint("live_nested_" + (nesting + 1));
    } catch (SQLException e) {
      throw failed(context.errors().failed(e, "starting a nested transaction", null));
    }
    int pendingMark = pending.size();
    int afterCommitMark = afterCommit.size();
    R result;
    nesting++;
    try {
      result = unit.run(this);
    } catch (RuntimeException | Error e) {
      nesting--;
      try {
        sql.connection().rollback(savepoint);
        // Rolled back to, a savepoint still exists; released, it stops holding PostgreSQL resources.
        sql.connection().releaseSavepoint(savepoint);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
        throw e;
      }
      pending.subList(pendingMark, pending.size()).clear();
      afterCommit.subList(afterCommitMark, afterCommit.size()).clear();
      failure = null;
      throw e;
    }
    nesting--;
    try {
      sql.connection().releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw failed(context.errors().failed(e, "ending a nested transaction", null));
    }
    return result;
  }

  /**
   * Runs {@code unit} as one member of a group of independent units that commit together (the
   * server's group commit of mutations): a nested transaction, as {@link #transaction}, whose
   * {@link #afterCommit} listeners receive only the changes this member wrote. A write of the
   * member that failed rolls the member back even if the unit caught the failure, so that one
   * member cannot end the transaction for the others. Members are not nested in one another.
   */
  public <R> R member(Work<R> unit) {
    if (nesting > 0) {
      throw new IllegalStateException("a member of a group commit runs at the top of its transaction,"
          + " not inside a nested transaction");
    }
    int from = pending.size();
    int listenersFrom = afterCommit.size();
    R result = nested(inner -> {
      R value = unit.run(inner);
      if (failure != null) {
        throw failure; // a write failed and the unit went on: only rolling the member back is left
      }
      return value;
    });
    int to = pending.size();
    for (int i = listenersFrom; i < afterCommit.size(); i++) {
      Consumer<List<Change>> listener = afterCommit.get(i);
      afterCommit.set(i, changes -> listener.accept(changes.subList(from, to)));
    }
    return result;
  }

  /**
   * Runs {@code unit} in this transaction with {@code check} seeing every row that an insert or an
   * update made inside it is about to store, whoever makes the write (the unit, a hook, a nested
   * transaction), and refusing it by throwing. Regions nest: an inner region's writes pass the
   * outer checks too, outermost first. It opens no nested transaction: a refused write fails this
   * transaction as any failed write does.
   *
   * <pre>{@code
   * store.transaction(tx -> tx.checkingWrites(quotaCheck, inner -> procedure.run(inner)));
   * }</pre>
   */
  public <R> R checkingWrites(WriteCheck check, Work<R> unit) {
    requireUsable();
    checks.add(java.util.Objects.requireNonNull(check, "check"));
    try {
      return unit.run(this);
    } finally {
      checks.remove(checks.size() - 1);
    }
  }

  /**
   * Records that the client {@code clientId} applies its mutation {@code sequence} in this
   * transaction: true the first time, false if a mutation of that client with this or a higher
   * sequence was already applied (a retry, to be acknowledged without applying it again). The
   * record commits or rolls back with the transaction's writes, which makes a mutation take
   * effect exactly once.
   *
   * <p>Only the highest sequence is kept, so a client's mutations must be claimed in sequence
   * order, one at a time: if 6 committed before 5, a claim of 5 would read as a retry. The sync
   * server applies each client's mutations in order, as it must anyway.
   */
  public boolean claimMutation(String clientId, long sequence) {
    requireUsable();
    ClientMutations.requireValid(clientId, sequence);
    try (PreparedStatement claim = sql.prepare(context.dialect().claimMutationSql(SqlNames.CLIENTS))) {
      claim.setString(1, clientId);
      claim.setLong(2, sequence);
      return claim.executeUpdate() == 1;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        // Two transactions recorded a client's first mutation at once; the loser runs again.
        throw failed(new StorageException(ErrorCode.CONFLICT, "two transactions recorded the first"
            + " mutation of one client at once", null, null, e, true));
      }
      throw failed(context.errors().failed(e, "recording a client's mutation", null));
    }
  }

  /** The highest mutation sequence recorded for {@code clientId}; 0 when none is. */
  public long lastMutation(String clientId) {
    requireUsable();
    try {
      return ClientMutations.last(sql, clientId);
    } catch (SQLException e) {
      throw failed(context.errors().failed(e, "reading a client's last mutation", null));
    }
  }

  /**
   * Runs {@code listener} once this transaction has committed, with its changes and their
   * versions (empty if it wrote nothing). Not run if it rolls back, nor for a nested transaction
   * that fails. Exceptions from the listener are logged; the commit stands.
   */
  public void afterCommit(Consumer<List<Change>> listener) {
    requireUsable();
    afterCommit.add(listener);
  }

  /** Appends the change log and commits; the caller rolls back if this throws. */
  List<Change> commit() throws SQLException {
    requireUsable();
    List<Change> changes = ChangeLog.commit(sql, pending, context.clock());
    ended = true;
    return changes;
  }

  List<Consumer<List<Change>>> afterCommitListeners() {
    return afterCommit;
  }

  void end() {
    ended = true;
  }

  private <T> void checkBeforeStore(CollectionSchema<T> collection, T row) {
    for (int i = 0; i < checks.size(); i++) {
      checks.get(i).beforeStore(this, collection, row);
    }
  }

  private <R> R write(Supplier<R> work) {
    requireUsable();
    if (writeDepth >= MAX_WRITE_DEPTH) {
      throw new LiveException(ErrorCode.REJECTED, "writes nested " + MAX_WRITE_DEPTH + " deep: a hook"
          + " writes to a collection whose hooks write again, without end; check the hooks for a cycle");
    }
    writeDepth++;
    try {
      return work.get();
    } catch (RuntimeException e) {
      // The write may have done part of its work (a row stored, then its after-hook failed):
      // nothing of it may commit, so the whole transaction can only roll back now.
      if (failure == null) {
        failure = e instanceof StorageException storage ? storage
            : new StorageException(e instanceof LiveException live ? live.code() : ErrorCode.STORAGE_FAILED,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null, null, e, false);
      }
      throw e;
    } finally {
      writeDepth--;
    }
  }

  /**
   * Reads the row with {@code id} and locks it until this transaction ends, so that what a
   * decision is based on cannot change before the write that follows it. Empty when there is none.
   */
  public <T> Optional<T> lock(CollectionSchema<T> collection, Object id) {
    requireUsable();
    TableSql<T> table = context.table(collection);
    try (PreparedStatement select = sql.prepare(table.selectForUpdate())) {
      SqlValues.bind(sql.writer(select), 1, collection.id(), id);
      List<T> rows = Sql.mapAll(select, collection.rowMapper());
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    } catch (SQLException e) {
      throw failed(context.errors().map(e, SqlErrors.Operation.UPDATE, collection, id));
    }
  }

  private <T> T lockRow(TableSql<T> table, Object id, SqlErrors.Operation operation) {
    CollectionSchema<T> collection = table.collection();
    try (PreparedStatement select = sql.prepare(table.selectForUpdate())) {
      SqlValues.bind(sql.writer(select), 1, collection.id(), id);
      List<T> rows = Sql.mapAll(select, collection.rowMapper());
      if (rows.isEmpty()) {
        throw new StorageException(ErrorCode.NOT_FOUND, collection.name() + " has no row with id '" + id + "'",
            collection.name(), null, null, false);
      }
      return rows.get(0);
    } catch (SQLException e) {
      throw failed(context.errors().map(e, operation, collection, id));
    }
  }

  private <T> List<T> insertRows(TableSql<T> table, List<T> rows, String statementSql) {
    CollectionSchema<T> collection = table.collection();
    try (PreparedStatement insert = sql.prepare(statementSql)) {
      JdbcParameterWriter writer = sql.writer(insert);
      int next = 1;
      for (T row : rows) {
        next = collection.binder().bind(writer, next, row);
      }
      return Sql.mapAll(insert, collection.rowMapper());
    } catch (UnstorableValueException e) {
      // Each row binds every field in component order, so the index names the field.
      int fields = collection.fields().size();
      throw unstorable(collection, collection.fields().get((e.parameterIndex() - 1) % fields), e);
    } catch (SQLException e) {
      throw failed(context.errors().map(e, SqlErrors.Operation.INSERT, collection,
          rows.size() == 1 ? collection.id().get(rows.get(0)) : null));
    }
  }

  /**
   * Inserts in multi-row statements of a bounded number of parameters (PostgreSQL takes at most
   * 65,535), and returns the stored rows in the order given.
   */
  private <T> List<T> insertBatched(TableSql<T> table, List<T> rows) {
    CollectionSchema<T> collection = table.collection();
    int perStatement = Math.max(1, Math.min(1000, 30_000 / collection.fields().size()));
    Map<Object, T> storedById = new HashMap<>();
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<T> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
      for (T stored : insertRows(table, chunk, table.insertMany(chunk.size()))) {
        storedById.put(collection.id().get(stored), stored);
      }
    }
    List<T> ordered = new ArrayList<>(rows.size());
    for (T row : rows) {
      ordered.add(storedById.get(collection.id().get(row)));
    }
    return ordered;
  }

  private <T> T updateRow(TableSql<T> table, Object id, List<Field<T, ?>> changed, T after) {
    CollectionSchema<T> collection = table.collection();
    try (PreparedStatement update = sql.prepare(table.update(changed))) {
      JdbcParameterWriter writer = sql.writer(update);
      int index = 1;
      for (Field<T, ?> field : changed) {
        try {
          SqlValues.bind(writer, index++, field, field.get(after));
        } catch (UnstorableValueException e) {
          throw unstorable(collection, field, e);
        }
      }
      SqlValues.bind(writer, index, collection.id(), id);
      return Sql.mapAll(update, collection.rowMapper()).get(0);
    } catch (SQLException e) {
      throw failed(context.errors().map(e, SqlErrors.Operation.UPDATE, collection, id));
    }
  }

  /** A value a procedure built that storage cannot hold, named by its field. */
  static StorageException unstorable(CollectionSchema<?> collection, Field<?, ?> field, UnstorableValueException e) {
    return new StorageException(ErrorCode.INVALID_VALUE, collection.name() + "." + field.name() + ": "
        + e.problem(), collection.name(), field.name(), e, false);
  }

  private static void requireIdValue(CollectionSchema<?> collection, Object id) {
    if (id == null || !collection.isIdValue(id)) {
      throw new StorageException(ErrorCode.INVALID_VALUE, "the id of " + collection.name() + " is a "
          + collection.id().type() + ", not " + (id == null ? "null" : "a " + id.getClass().getSimpleName()),
          collection.name(), collection.id().name(), null, false);
    }
  }

  private static List<String> fieldNames(List<? extends Field<?, ?>> fields) {
    List<String> names = new ArrayList<>(fields.size());
    for (Field<?, ?> field : fields) {
      names.add(field.name());
    }
    return names;
  }

  private StorageException failed(StorageException e) {
    failure = e;
    return e;
  }

  private void requireUsable() {
    if (ended) {
      throw new IllegalStateException("this transaction has ended; use it only inside its unit");
    }
    if (failure != null) {
      throw new StorageException(failure.code(), "this transaction failed earlier (" + failure.code()
          + ": " + failure.getMessage() + ") and can only roll back; run a write that may fail in a"
          + " nested tx.transaction(...) to go on after it", failure.collection().orElse(null),
          failure.field().orElse(null), failure, failure.isRetryable());
    }
  }
}
