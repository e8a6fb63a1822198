package dev.live.storage;

import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.procedure.DataAccess;
import dev.live.query.QuerySpec;
import dev.live.query.RowShape;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's data on a {@link Database}: the typed data API of {@link DataAccess},
 * transactions, the change log ({@link #changes()}) and the record of client mutations. Opening
 * it brings the tables in line with the schema. Thread-safe; each call runs in its own
 * transaction unless it is made through a {@link Transaction}.
 *
 * <pre>{@code
 * try (Database database = Database.h2File(Path.of("data/app"));
 *      Store store = Store.open(database, AppSchema.INSTANCE)) {
 *   store.insert(TaskInsert.builder().id("t1").title("Ship it").build());
 *   List<Task> open = store.list(TaskQuery.where(Task_.done.isFalse()));
 * }
 * }</pre>
 */
public final class Store implements DataAccess, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Database database;
  private final StoreOptions options;
  private final StoreContext context;
  private final ChangeFeed changes;
  private final ClientSweep clientSweep = new ClientSweep(this);
  private final AtomicBoolean closed = new AtomicBoolean();
  /**
   * On PostgreSQL, telling other nodes of commits and hearing of theirs; set by {@link #open}
   * before the store is handed out, null on H2 or when switched off.
   */
  private volatile @Nullable NodeWakeups wakeups;
  /** The unit this thread runs on this store, if any: calling the store from inside it is a mistake. */
  private final ThreadLocal<Transaction> unitRunning = new ThreadLocal<>();
  /** The session settings of every statement run for requests, the change tail and the engine. */
  private final StatementTimeouts.Settings timed;
  /** Those of schema synchronization: no statement timeout, the same lock timeout. */
  private final StatementTimeouts.Settings untimed;

  private Store(Database database, LiveSchema schema, StoreOptions options) {
    this.database = database;
    this.options = options;
    long timeoutMillis = options.statementTimeout().toMillis();
    this.timed = new StatementTimeouts.Settings(timeoutMillis, timeoutMillis);
    this.untimed = new StatementTimeouts.Settings(0, timeoutMillis);
    Map<CollectionSchema<?>, TableSql<?>> tables = new HashMap<>();
    for (CollectionSchema<?> collection : schema.collections()) {
      tables.put(collection, new TableSql<>(collection, database.dialect()));
    }
    this.context = new StoreContext(schema, database.dialect(), Map.copyOf(tables), options.hooks(),
        new SqlErrors(schema, database.dialect(), options.statementTimeout()), options.statementObserver(), database.embeddedKey().map(VersionClock::acquire));
    this.changes = new ChangeFeed(this);
  }

  /** Opens a store with default options; see {@link #open(Database, LiveSchema, StoreOptions)}. */
  public static Store open(Database database, LiveSchema schema) {
    return open(database, schema, StoreOptions.defaults());
  }

  /**
   * Opens a store: checks that the database is what it claims to be, then creates the tables,
   * columns, indexes and foreign keys the schema needs that are missing. Fails with {@code
   * SCHEMA_MISMATCH} when existing tables do not fit in a way Live will not change by itself.
   */
  public static Store open(Database database, LiveSchema schema, StoreOptions options) {
    Store store = new Store(database, schema, options);
    try {
      // Without a statement timeout: creating an index or a foreign key on a large table, or
      // waiting for another node's synchronization, may rightly take long, and happens once.
      // Before any setting of the session: those of another product would fail less clearly.
      String sqlSchema = store.read("checking the database", null, sql -> {
        checkProduct(sql, database);
        return database.isEmbedded() ? null : currentSchema(sql);
      });
      store.read("synchronizing the schema", store.untimed, sql -> {
        new SchemaSync(sql).run(schema);
        sql.connection().commit();
        if (store.context.clock().isPresent()) {
          store.context.clock().get().start(sql);
        }
        return null;
      });
      if (options.crossNodeWakeups() && database.unpooled().isPresent()) {
        store.wakeups = new NodeWakeups(new WakeConnections(database.unpooled().get()),
            WakeChannel.forSchema(sqlSchema == null ? "" : sqlSchema));
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    store.clientSweep.start();
    log.info("opened store on {} with {} collections", database, schema.collections().size());
    return store;
  }

  @Override
  public <T, R> List<R> select(QuerySpec<T> spec, RowShape<T, R> shape) {
    return transaction(tx -> tx.select(spec, shape));
  }

  @Override
  public <T> T insert(InsertDto<T> row) {
    return transaction(tx -> tx.insert(row));
  }

  @Override
  public <T> List<T> insertAll(List<? extends InsertDto<T>> rows) {
    return transaction(tx -> tx.insertAll(rows));
  }

  @Override
  public <T> T update(Object id, UpdateDto<T> changes) {
    return transaction(tx -> tx.update(id, changes));
  }

  @Override
  public <T> T delete(CollectionSchema<T> collection, Object id) {
    return transaction(tx -> tx.delete(collection, id));
  }

  /**
   * Runs {@code unit} in a new transaction and commits it, or rolls it back if the unit throws
   * (the exception is rethrown as it is). On a serialization failure or a deadlock the whole unit
   * runs again, up to {@link StoreOptions#maxRetries()} times, after a short random pause; then
   * {@code CONFLICT} is thrown. A unit may thus run more than once: keep it free of effects
   * outside the transaction, or do those in {@link Transaction#afterCommit}.
   */
  @Override
  public <R> R transaction(Unit<R> unit) {
    return withTransaction(unit::run);
  }

  /**
   * As {@link #transaction(Unit)}, with the whole {@link Transaction}: what the server and tests
   * use beyond {@link DataAccess} ({@link Transaction#afterCommit}, {@link
   * Transaction#claimMutation}, {@link Transaction#member}...).
   */
  public <R> R withTransaction(Transaction.Work<R> unit) {
    requireOpen();
    if (unitRunning.get() != null) {
      // A second connection from inside a unit can wait forever on the first one's locks.
      throw new IllegalStateException("a unit of this store called the store itself; inside a unit,"
          + " read and write through its Transaction (tx.insert(...), tx.transaction(...))");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return runOnce(unit);
      } catch (StorageException e) {
        if (!e.isRetryable() || attempt >= options.maxRetries()) {
          throw e;
        }
        log.debug("transaction conflicted ({}); running it again, attempt {}", e.getMessage(), attempt + 2);
        pause(attempt);
      }
    }
  }

  /** The highest mutation sequence recorded for {@code clientId}; 0 when none is. */
  public long lastMutation(String clientId) {
    return read("reading a client's last mutation", sql -> ClientMutations.last(sql, clientId));
  }

  /**
   * Deletes the records of clients whose last mutation is older than {@link
   * StoreOptions#clientRetention()}, at most 20,000 in one call, and returns how many it deleted.
   * The store does this by itself every ten minutes; call it to sweep now (tests, maintenance).
   * A client whose record is gone is a new client to the store: see docs/storage.md.
   */
  public int deleteExpiredClients() {
    return clientSweep.run();
  }

  /** The change log: every committed write in version order, and tails that follow it. */
  public ChangeFeed changes() {
    return changes;
  }

  public LiveSchema schema() {
    return context.schema();
  }

  /** The database this store reads and writes. */
  public Database database() {
    return database;
  }

  /** The options this store was opened with. */
  public StoreOptions options() {
    return options;
  }

  StoreContext context() {
    return context;
  }

  /** Wake-ups across nodes: present on PostgreSQL unless switched off. */
  Optional<NodeWakeups> wakeups() {
    return Optional.ofNullable(wakeups);
  }

  /** The clock of an embedded database's versions; empty when the database keeps them itself. */
  Optional<VersionClock> clock() {
    return context.clock();
  }

  /**
   * Stops the change tails and, on PostgreSQL, the threads that tell other nodes of commits and
   * hear of theirs (closing their connections); later calls fail. The {@link Database} stays
   * open: its owner closes it. Closing again does nothing.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      clientSweep.close();
      changes.closeAll();
      if (wakeups != null) {
        wakeups.close();
      }
      context.clock().ifPresent(VersionClock::release);
    }
  }

  void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this store is closed");
    }
  }

  private <R> R runOnce(Transaction.Work<R> unit) {
    List<Change> committed;
    R result;
    List<Consumer<List<Change>>> listeners;
    Connection connection = connect(timed);
    Transaction tx = new Transaction(context, new Sql(connection, context.dialect(), context.observer()));
    unitRunning.set(tx);
    try {
      result = unit.run(tx);
      committed = tx.commit();
      listeners = tx.afterCommitListeners();
    } catch (SQLException e) {
      rollback(connection, e);
      throw context.errors().failed(e, "committing", null);
    } catch (RuntimeException | Error e) {
      rollback(connection, e);
      throw e;
    } finally {
      unitRunning.remove();
      tx.end();
      closeQuietly(connection);
    }
    if (!committed.isEmpty()) {
      changes.wake();
      if (wakeups != null) {
        // After the commit, never in it: other nodes are told once it is visible to them.
        wakeups.committed(committed.get(committed.size() - 1).version());
      }
    }
    for (Consumer<List<Change>> listener : listeners) {
      try {
        listener.accept(committed);
      } catch (RuntimeException e) {
        log.error("an afterCommit listener failed; the transaction is committed", e);
      }
    }
    return result;
  }

  /** Runs {@code work} on a connection of its own, outside any unit, and rolls back whatever it left open. */
  <R> R read(String doing, SqlWork<R> work) {
    return read(doing, timed, work);
  }

  /** {@code timeouts}: the session settings to run with; null to leave the session as it is. */
  private <R> R read(String doing, StatementTimeouts.@Nullable Settings timeouts, SqlWork<R> work) {
    requireOpen();
    Connection connection = connect(timeouts);
    try {
      return work.run(new Sql(connection, context.dialect(), context.observer()));
    } catch (SQLException e) {
      throw context.errors().failed(e, doing, null);
    } finally {
      try {
        connection.rollback();
      } catch (SQLException e) {
        log.warn("rolling back after {} failed", doing, e);
      }
      closeQuietly(connection);
    }
  }

  /** Work on a connection that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlWork<R> {
    R run(Sql sql) throws SQLException;
  }

  private Connection connect(StatementTimeouts.@Nullable Settings timeouts) {
    Connection connection;
    try {
      connection = database.dataSource().getConnection();
    } catch (SQLException e) {
      throw context.errors().failed(e, "connecting to " + database, null);
    }
    try {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      if (timeouts != null) {
        database.timeouts().apply(connection, context.dialect(), timeouts);
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw context.errors().failed(e, "preparing a connection to " + database, null);
    }
  }

  /** After the outcome is settled, a failure to hand the connection back must not change it. */
  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("returning a connection to the pool failed", e);
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** A random pause growing with the attempt, so conflicting units do not collide again in step. */
  private static void pause(int attempt) {
    long bound = Math.min(100, 5L << Math.min(attempt, 5));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiveException(ErrorCode.CONFLICT, "interrupted while waiting to run a conflicting transaction again");
    }
  }

  /** The schema Live's tables are in on PostgreSQL: what tells this application's channel apart. */
  private static @Nullable String currentSchema(Sql sql) throws SQLException {
    try (Statement statement = sql.connection().createStatement();
        ResultSet result = statement.executeQuery("SELECT current_schema()")) {
      return result.next() ? result.getString(1) : null;
    }
  }

  private static void checkProduct(Sql sql, Database database) throws SQLException {
    String product = sql.connection().getMetaData().getDatabaseProductName();
    String expected = database.dialect().name();
    if (!product.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT))) {
      throw new LiveException(ErrorCode.SCHEMA_MISMATCH, database + " was opened as " + expected
          + ", but the connection is to " + product + "; use the Database factory for " + product);
    }
  }
}
