package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.live.engine.EngineOptions;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.QuerySpec;
import dev.live.storage.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One owner's bounds in the engine: subscriptions and distinct queries are refused with {@code
 * LIMIT_EXCEEDED} beyond their limits, whatever other owners do; an owner out of engine time has
 * its queries held back, and they catch up later and end equal to storage; subscriptions without
 * an owner are not bounded. (When an owner is out of time is pinned by {@code OwnerTest}.)
 */
class OwnerLimitsTest {
  private TestDatabase database;
  private Store store;
  private LiveEngine engine;

  private void open(EngineOptions options) {
    database = Backend.H2.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    BoardData.seed(store);
    engine = LiveEngine.start(store, options);
  }

  @AfterEach
  void close() {
    engine.close();
    store.close();
    database.close();
  }

  private static QuerySpec<?> board(String id) {
    return TaskQuery.where(Task_.boardId.eq(id)).spec();
  }

  @Test
  void anOwnersSubscriptionsAreBoundedWhateverTheQueries() {
    open(EngineOptions.builder().maxSubscriptionsPerOwner(3).build());
    EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
    EngineSubscription first = engine.subscribe(board("b1"), "ann", recorder);
    engine.subscribe(board("b1"), "ann", recorder);
    engine.subscribe(board("b2"), "ann", recorder);

    assertThatThrownBy(() -> engine.subscribe(board("b3"), "ann", recorder))
        .isInstanceOf(LiveException.class)
        .satisfies(e -> assertThat(((LiveException) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("at most 3 subscriptions");
    engine.subscribe(board("b3"), "bob", recorder);
    engine.subscribe(board("b3"), null, recorder);

    first.close();
    engine.subscribe(board("b3"), "ann", recorder);
    assertThat(engine.subscriptionCount()).isEqualTo(5);
  }

  @Test
  void anOwnersDistinctQueriesAreBoundedAndAQueryFollowedAlreadyCountsOnce() {
    open(EngineOptions.builder().maxQueriesPerOwner(2).build());
    EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
    engine.subscribe(board("b1"), "ann", recorder);
    EngineSubscription b2 = engine.subscribe(board("b2"), "ann", recorder);
    engine.subscribe(board("b1"), "ann", recorder);

    assertThatThrownBy(() -> engine.subscribe(board("b3"), "ann", recorder))
        .isInstanceOf(LiveException.class)
        .satisfies(e -> assertThat(((LiveException) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("at most 2 different queries");
    engine.subscribe(board("b3"), "bob", recorder);

    b2.close();
    engine.subscribe(board("b3"), "ann", recorder);
  }

  @Test
  void anOwnerOutOfEngineTimeMayNotStartAnotherQueryButMayJoinOne() {
    open(EngineOptions.builder().workPerOwner(Duration.ofMillis(1)).build());
    engine.subscribe(board("b2"), null, new EngineConvergenceTest.Recorder());
    engine.subscribe(board("b1"), null, new EngineConvergenceTest.Recorder());
    EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
    EngineSubscription annB2 = engine.subscribe(board("b2"), "ann", recorder);
    // Taking 3,000 rows into ann's query costs far more than her 1 ms per second.
    store.transaction(tx -> {
      for (int i = 0; i < 3_000; i++) {
        tx.insert(TaskInsert.builder().id("x" + i).boardId("b2").title("Row " + i).status(Status.TODO).position(i)
            .estimate(1).revision(1L).labels(List.of()).build());
      }
      return null;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.replay().size() > 3_000);

    assertThatThrownBy(() -> engine.subscribe(board("b3"), "ann", recorder))
        .isInstanceOf(LiveException.class)
        .satisfies(e -> assertThat(((LiveException) e).code()).isEqualTo(ErrorCode.RATE_LIMITED))
        .hasMessageContaining("1 ms of engine time per second");
    EngineSubscription joined = engine.subscribe(board("b1"), "ann", new EngineConvergenceTest.Recorder());
    engine.subscribe(board("b3"), "bob", new EngineConvergenceTest.Recorder());

    // Ann leaves while in debt: she is forgotten once her time is paid back, not kept for good.
    joined.close();
    annB2.close();
    assertThat(engine.stats().owners()).as("bob, and ann while she owes time").isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.stats().owners() == 1);
  }

  @Test
  void anOwnerOutOfEngineTimeIsHeldBackAndCatchesUp() {
    open(EngineOptions.builder().workPerOwner(Duration.ofMillis(1)).build());
    store.transaction(tx -> {
      for (int i = 0; i < 300; i++) {
        tx.insert(TaskInsert.builder().id("x" + i).boardId("b2").title("Row " + i).status(Status.TODO).position(i)
            .estimate(i % 7).revision(1L).labels(List.of()).build());
      }
      return null;
    });
    // The heavy owner follows twenty large queries (read first without an owner: reading them
    // would use up its time); the light one a small, keyed one.
    List<EngineConvergenceTest.Recorder> heavy = new ArrayList<>();
    List<QuerySpec<?>> heavyQueries = new ArrayList<>();
    List<EngineSubscription> setup = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      QuerySpec<?> query = TaskQuery.where(Task_.boardId.eq("b2")).and(Task_.position.gte(i))
          .orderBy(Task_.estimate.desc(), Task_.title.asc()).include(Task_.assignee).spec();
      setup.add(engine.subscribe(query, null, new EngineConvergenceTest.Recorder()));
      EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
      heavyQueries.add(query);
      heavy.add(recorder);
      engine.subscribe(query, "heavy", recorder);
    }
    setup.forEach(EngineSubscription::close);
    EngineConvergenceTest.Recorder light = new EngineConvergenceTest.Recorder();
    engine.subscribe(board("b1"), "light", light);

    for (int i = 0; i < 60; i++) {
      store.update("x" + (i * 5 % 300), TaskUpdate.of().estimate(100 + i).title("Changed " + i));
      store.update("t2", TaskUpdate.of().position(10 + i));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> engine.stats().deferrals() > 0);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(light.replay()).isEqualTo(EngineConvergenceTest.fresh(store, board("b1"))));
    for (int i = 0; i < heavy.size(); i++) {
      EngineConvergenceTest.Recorder recorder = heavy.get(i);
      QuerySpec<?> query = heavyQueries.get(i);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(recorder.replay()).isEqualTo(EngineConvergenceTest.fresh(store, query)));
    }
  }
}
