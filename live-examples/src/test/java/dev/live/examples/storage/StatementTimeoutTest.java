package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.live.error.ErrorCode;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamUpdate;
import dev.live.examples.board.Team_;
import dev.live.storage.StorageException;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statement timeout: a statement that runs or waits for a lock past it is canceled by the
 * database and fails with {@code TIMEOUT}, once, without being run again as a conflict; the store
 * goes on working. A row lock held by a connection of the test makes a statement wait as long as
 * the test wants, on both databases.
 */
class StatementTimeoutTest extends StoreTestBase {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  /** PostgresDialect's key of the lock that serializes schema synchronization between nodes. */
  private static final long SCHEMA_LOCK_KEY = 0x4C6976655363L;

  @Override
  StoreOptions options() {
    return StoreOptions.builder().statementTimeout(TIMEOUT).maxRetries(5).build();
  }

  @BeforeEach
  void seed() {
    store.insert(TeamInsert.of(new Team("a", "Alpha", T0)));
  }

  @Test
  void aWriteWaitingForARowLockPastTheTimeoutFailsWithTimeoutAndRunsOnce() throws SQLException {
    AtomicInteger attempts = new AtomicInteger();
    try (Connection holder = lockTeam("a")) {
      StorageException timedOut = catchThrowableOfType(StorageException.class, () -> store.withTransaction(tx -> {
        attempts.incrementAndGet();
        return tx.update("a", TeamUpdate.of().name("Alpha 2"));
      }));
      assertThat(timedOut).as("the update waited for the lock past the timeout").isNotNull();
      assertThat(timedOut.code()).isEqualTo(ErrorCode.TIMEOUT);
      assertThat(timedOut.isRetryable()).isFalse();
      assertThat(timedOut.getMessage()).contains("statement timeout of 300 ms").contains("StoreOptions.statementTimeout");
      assertThat(attempts).as("a timeout is not a conflict: the unit is not run again").hasValue(1);
      holder.rollback();
    }
    assertThat(store.update("a", TeamUpdate.of().name("Alpha 2")).name()).as("the store goes on").isEqualTo("Alpha 2");
  }

  @Test
  void aLockingReadWaitingPastTheTimeoutFailsWithTimeout() throws SQLException {
    try (Connection holder = lockTeam("a")) {
      StorageException timedOut = catchThrowableOfType(StorageException.class,
          () -> store.withTransaction(tx -> tx.lock(Team_.COLLECTION, "a")));
      assertThat(timedOut).isNotNull();
      assertThat(timedOut.code()).isEqualTo(ErrorCode.TIMEOUT);
      holder.rollback();
    }
    java.util.Optional<Team> locked = store.withTransaction(tx -> tx.lock(Team_.COLLECTION, "a"));
    assertThat(locked).as("the store goes on").isPresent();
  }

  @Test
  void everyConnectionOfThePoolGetsTheTimeout() throws Exception {
    // More waiting writers than the pool has connections: each of them must time out.
    int writers = 12;
    try (Connection holder = lockTeam("a")) {
      CompletableFuture<?>[] all = new CompletableFuture<?>[writers];
      for (int i = 0; i < writers; i++) {
        String name = "Alpha " + i;
        all[i] = CompletableFuture.runAsync(() -> store.update("a", TeamUpdate.of().name(name)));
      }
      for (CompletableFuture<?> writer : all) {
        Throwable failure = catchThrowableOfType(Exception.class, () -> writer.get(30, TimeUnit.SECONDS)).getCause();
        assertThat(failure).isInstanceOf(StorageException.class);
        assertThat(((StorageException) failure).code()).isEqualTo(ErrorCode.TIMEOUT);
      }
      holder.rollback();
    }
  }

  @Test
  void schemaSynchronizationWaitsPastTheStatementTimeout() throws Exception {
    Assumptions.assumeTrue(backend == Backend.POSTGRESQL, "only PostgreSQL serializes the synchronization of nodes");
    try (Connection holder = database.connect()) {
      execute(holder, "SELECT pg_advisory_lock(" + SCHEMA_LOCK_KEY + ")");
      CompletableFuture<Store> second = CompletableFuture.supplyAsync(
          () -> Store.open(database.database(), AppSchema.INSTANCE, options()));
      // Held until the second store's synchronization has waited for it longer than the timeout.
      await().atMost(Duration.ofSeconds(20)).until(() -> waitedForTheLockPast(holder, TIMEOUT.multipliedBy(3)));
      execute(holder, "SELECT pg_advisory_unlock(" + SCHEMA_LOCK_KEY + ")");
      try (Store opened = second.get(20, TimeUnit.SECONDS)) {
        assertThat(opened.find(dev.live.examples.board.TeamQuery.all().one("a"))).isPresent();
      }
    }
  }

  private static boolean waitedForTheLockPast(Connection holder, Duration wait) throws SQLException {
    try (Statement statement = holder.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            + " AND wait_event = 'advisory' AND now() - query_start > interval '" + wait.toMillis() + " milliseconds'")) {
      rows.next();
      return rows.getLong(1) > 0;
    }
  }

  /** A connection of the test, outside Live, holding a lock on the team's row until it rolls back. */
  private Connection lockTeam(String id) throws SQLException {
    Connection holder = database.connect();
    holder.setAutoCommit(false);
    execute(holder, "UPDATE \"teams\" SET \"name\" = \"name\" WHERE \"id\" = '" + id + "'");
    return holder;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
