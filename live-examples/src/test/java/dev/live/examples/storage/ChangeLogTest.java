package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamUpdate;
import dev.live.examples.board.Team_;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.examples.board.Role;
import dev.live.schema.LiveSchema;
import dev.live.storage.Change;
import dev.live.storage.ChangeTail;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Every committed write is logged once, with versions increasing in commit order, and tails see them all. */
class ChangeLogTest extends StoreTestBase {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  private static final int THREADS = 8;
  private static final int TRANSACTIONS_PER_THREAD = 40;

  @Test
  void eachWriteIsLoggedWithWhatItChanged() {
    store.insert(team("a"));
    store.update("a", TeamUpdate.of().name("renamed").createdAt(T0));
    store.delete(Team_.COLLECTION, "a");

    List<Change> changes = store.changes().readAfter(0, 100);
    assertThat(changes).extracting(Change::version).containsExactly(1L, 2L, 3L);
    assertThat(changes).extracting(Change::operation)
        .containsExactly(Change.Operation.INSERT, Change.Operation.UPDATE, Change.Operation.DELETE);
    assertThat(changes.get(0).changedFields()).containsExactly("id", "name", "createdAt");
    assertThat(changes.get(1).changedFields()).as("createdAt was set to its own value").containsExactly("name");
    assertThat(changes.get(1).row(Team_.COLLECTION)).contains(new Team("a", "renamed", T0));
    assertThat(changes.get(2).row()).isEmpty();
    assertThat(changes.get(2).id()).isEqualTo("a");
    assertThat(changes).allMatch(Change::endsTransaction);
    assertThat(store.changes().latestVersion()).isEqualTo(3);
    assertThat(store.changes().readAfter(1, 1)).extracting(Change::version).containsExactly(2L);
  }

  @Test
  void aTransactionsWritesHaveConsecutiveVersionsAndShareItsEnd() {
    store.insert(team("x"));
    store.transaction(tx -> {
      tx.insert(team("a"));
      tx.insert(team("b"));
      tx.update("a", TeamUpdate.of().name("a2"));
      return null;
    });
    List<Change> changes = store.changes().readAfter(1, 100);
    assertThat(changes).extracting(Change::version).containsExactly(2L, 3L, 4L);
    assertThat(changes).extracting(Change::transactionEnd).containsOnly(4L);
    assertThat(changes).extracting(Change::endsTransaction).containsExactly(false, false, true);
  }

  @Test
  void concurrentWritersLogEveryWriteOnceInStrictlyIncreasingOrderAndATailSeesThemAll() throws Exception {
    List<Change> tailed = Collections.synchronizedList(new ArrayList<>());
    try (ChangeTail tail = store.changes().tail(0, tailed::addAll)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
            String id = thread + "-" + i;
            if (i % 4 == 0) {
              // Some transactions write twice, so version ranges of different sizes interleave.
              store.transaction(tx -> {
                tx.insert(team(id));
                return tx.update(id, TeamUpdate.of().name("renamed " + id));
              });
            } else {
              store.insert(team(id));
            }
          }
        }));
      }
      pool.shutdown();
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
      long writes = (long) THREADS * TRANSACTIONS_PER_THREAD + THREADS * (TRANSACTIONS_PER_THREAD / 4);
      assertThat(store.changes().latestVersion()).isEqualTo(writes);

      List<Change> log = readAll(store);
      assertThat(log).extracting(Change::version)
          .as("every write once, versions without gaps or repeats")
          .containsExactlyElementsOf(LongStream.rangeClosed(1, writes).boxed().toList());
      Set<Object> inserted = new HashSet<>();
      for (Change change : log) {
        if (change.operation() == Change.Operation.INSERT) {
          assertThat(inserted.add(change.id())).as("inserted once: %s", change.id()).isTrue();
        }
      }
      assertThat(inserted).hasSize(THREADS * TRANSACTIONS_PER_THREAD);

      await().atMost(Duration.ofSeconds(30)).until(() -> tail.position() == writes);
      assertThat(tailed).as("the tail saw exactly the log, in order").containsExactlyElementsOf(log);
    }
  }

  @Test
  void aTailStartsAfterTheVersionItIsGivenAndIsWokenByCommits() {
    store.insert(team("before"));
    long from = store.changes().latestVersion();
    List<Change> tailed = Collections.synchronizedList(new ArrayList<>());
    // A poll interval far beyond the deadline: only the wake-up on commit can deliver in time.
    try (Store slowPolling = Store.open(database.database(), AppSchema.INSTANCE,
        StoreOptions.builder().tailPollInterval(Duration.ofMinutes(5)).build());
        ChangeTail tail = slowPolling.changes().tail(from, tailed::addAll)) {
      slowPolling.insert(team("after"));
      await().atMost(Duration.ofSeconds(10)).until(() -> tailed.size() == 1);
      assertThat(tailed.get(0).id()).isEqualTo("after");
      assertThat(tail.position()).isEqualTo(from + 1);
    }
  }

  @Test
  void aTailPassesChangesOfCollectionsItsSchemaDoesNotHave() {
    LiveSchema teamsOnly = new LiveSchema(List.of(Team_.COLLECTION), List.of()) {};
    store.insert(team("a"));
    store.insert(UserInsert.of(new User("u1", "Ann", null, "a", Role.MEMBER)));
    store.insert(team("b"));
    List<Change> tailed = Collections.synchronizedList(new ArrayList<>());
    try (Store partial = Store.open(database.database(), teamsOnly,
        StoreOptions.builder().tailBatchSize(1).build());
        ChangeTail tail = partial.changes().tail(0, tailed::addAll)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> tail.position() == 3);
      assertThat(tailed).extracting(Change::id).containsExactly("a", "b");
    }
  }

  @Test
  void readAfterPassesAFullPageOfChangesOfCollectionsItsSchemaDoesNotHave() {
    LiveSchema teamsOnly = new LiveSchema(List.of(Team_.COLLECTION), List.of()) {};
    store.insert(team("a"));
    store.insert(UserInsert.of(new User("u1", "Ann", null, "a", Role.MEMBER)));
    store.insert(UserInsert.of(new User("u2", "Bob", null, "a", Role.MEMBER)));
    store.insert(team("b"));
    try (Store partial = Store.open(database.database(), teamsOnly)) {
      assertThat(partial.changes().readAfter(1, 2)).extracting(Change::id).containsExactly("b");
    }
  }

  @Test
  void aClosedTailDeliversNothingMore() {
    List<Change> tailed = Collections.synchronizedList(new ArrayList<>());
    ChangeTail tail = store.changes().tail(0, tailed::addAll);
    store.insert(team("a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> tailed.size() == 1);
    tail.close();
    List<Change> stillTailed = Collections.synchronizedList(new ArrayList<>());
    try (ChangeTail open = store.changes().tail(1, stillTailed::addAll)) {
      store.insert(team("b"));
      store.insert(team("c"));
      await().atMost(Duration.ofSeconds(10)).until(() -> open.position() == 3);
    }
    assertThat(stillTailed).extracting(Change::id).containsExactly("b", "c");
    assertThat(tail.position()).isEqualTo(1);
    assertThat(tailed).hasSize(1);
  }

  private static List<Change> readAll(Store store) {
    List<Change> all = new ArrayList<>();
    for (List<Change> page = store.changes().readAfter(0, 97); !page.isEmpty();
        page = store.changes().readAfter(page.get(page.size() - 1).version(), 97)) {
      all.addAll(page);
    }
    return all;
  }

  private static TeamInsert team(String id) {
    return TeamInsert.of(new Team(id, "team " + id, T0));
  }
}
