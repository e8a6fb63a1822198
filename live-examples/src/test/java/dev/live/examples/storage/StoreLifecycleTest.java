package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.storage.Change;
import dev.live.storage.Store;
import java.time.Instant;
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

  private static TeamInsert team(String id) {
    return TeamInsert.of(new Team(id, "team " + id, T0));
  }
}
