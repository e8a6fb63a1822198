package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.error.ErrorCode;
import dev.live.storage.Change;
import dev.live.storage.StorageException;
import dev.live.storage.Store;
import dev.live.storage.WakeupStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Opening, sharing and closing stores on one database. */
class StoreLifecycleTest extends StoreTestBase {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void closingAStoreTwiceLeavesOtherStoresOfTheDatabaseIntact() {
    Store second = Store.open(database.database(), AppSchema.INSTANCE);
    second.close();
    second.close();
    try (Store third = Store.open(database.database(), AppSchema.INSTANCE)) {
      // One clock for the database: had the second close let it go, these would share versions.
      store.insert(team("a"));
      third.insert(team("b"));
      store.insert(team("c"));
      assertThat(third.changes().readAfter(0, 10)).extracting(Change::id).containsExactly("a", "b", "c");
      assertThat(third.changes().readAfter(0, 10)).extracting(Change::version).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    store.close();
    assertThatThrownBy(() -> store.list(TeamQuery.all())).isInstanceOf(IllegalStateException.class)
        .hasMessage("this store is closed");
    assertThatThrownBy(() -> store.changes().tail(0, changes -> {})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.changes().latestVersion()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aUnitThatCallsItsOwnStoreInsteadOfItsTransactionIsStopped() {
    assertThatThrownBy(() -> store.transaction(tx -> {
      tx.insert(team("a"));
      return store.list(TeamQuery.all());  // a second connection, which could wait on the first's locks
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("read and write through its Transaction");
    assertThat(store.list(TeamQuery.all())).isEmpty();
  }

  @Test
  void aConnectionDroppedInsideAUnitFailsItWithATypedErrorAndTheStoreCarriesOn() throws Exception {
    Assumptions.assumeTrue(backend == Backend.POSTGRESQL, "an embedded H2 connection cannot be dropped from outside");
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> store.transaction(tx -> {
      runs.incrementAndGet();
      tx.insert(team("a"));
      // The server ends this unit's session while it holds its transaction open.
      try (Connection admin = database.connect(); Statement statement = admin.createStatement()) {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            + " AND state = 'idle in transaction' AND query LIKE 'INSERT INTO \"teams\"%'");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return tx.insert(team("b"));
    })).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
      assertThat(e.getMessage()).contains("inserting into teams").contains("SQLState");
    });
    assertThat(runs.get()).as("a lost connection is not a conflict: the unit is not run again").isEqualTo(1);
    assertThat(store.list(TeamQuery.all())).as("nothing committed; the pool replaced the dead connection").isEmpty();
    store.insert(team("c"));
    assertThat(store.list(TeamQuery.all())).extracting(Team::id).containsExactly("c");
  }

  @Test
  void onlyAStoreOnPostgresTellsOtherNodesOfItsCommits() {
    if (backend == Backend.H2) {
      assertThat(store.changes().wakeups()).as("only this process writes an embedded database").isEmpty();
    } else {
      assertThat(store.changes().wakeups()).get().extracting(WakeupStats::channel).asString()
          .as("the channel of the schema the tables are in").startsWith("live_changes:live_t");
    }
  }

  private static TeamInsert team(String id) {
    return TeamInsert.of(new Team(id, "team " + id, T0));
  }
}
