package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.engine.LiveEngine;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node that must read storage again does so off the engine's lock: while its read is held in
 * storage, other queries' deltas still arrive, new queries can be subscribed, and the held node
 * catches up once its read completes.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class ReadIsolationTest {
  @Parameter
  Backend backend;

  private final CountDownLatch readHeld = new CountDownLatch(1);
  private final CountDownLatch releaseRead = new CountDownLatch(1);
  private volatile boolean holdReads;
  private volatile boolean failReads;
  private final String testThread = Thread.currentThread().getName();
  private TestDatabase database;
  private Store store;
  private LiveEngine engine;

  @BeforeEach
  void open() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE, StoreOptions.builder().statementObserver(sql -> {
      if (failReads && Thread.currentThread().getName().equals("live-engine-reader") && sql.contains("\"tasks\"")) {
        throw new IllegalStateException("storage went away (the test's)");
      }
      // Hold the engine's first read of tasks (whichever thread makes it; the test's own writes and
      // subscribes run on the test's thread).
      if (holdReads && !Thread.currentThread().getName().equals(testThread) && sql.startsWith("SELECT")
          && sql.contains("\"tasks\"") && !sql.contains("live_")) {
        holdReads = false;
        readHeld.countDown();
        try {
          releaseRead.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).build());
    BoardData.seed(store);
    engine = LiveEngine.start(store);
  }

  @AfterEach
  void close() {
    releaseRead.countDown();
    engine.close();
    store.close();
    database.close();
  }

  @Test
  void aNodeReadingStorageHoldsBackNeitherOtherDeltasNorSubscribes() throws Exception {
    // A window of one row on board b1 (t1, t2, t3) holds two; both leaving makes it read again.
    EngineConvergenceTest.Recorder window = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc()).limit(1).spec(), window);
    EngineConvergenceTest.Recorder other = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b2")).spec(), other);
    holdReads = true;

    store.transaction(tx -> {
      tx.update("t1", TaskUpdate.of().boardId("b3"));
      tx.update("t2", TaskUpdate.of().boardId("b3"));
      return null;
    });
    assertThat(readHeld.await(10, TimeUnit.SECONDS)).as("the window's read started").isTrue();

    store.insert(TaskInsert.builder().id("t9").boardId("b2").title("New").status(Status.TODO).position(2)
        .estimate(1).revision(1L).labels(List.of()).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> other.replay().size() == 2);
    EngineConvergenceTest.Recorder subscribed = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b3")).spec(), subscribed);
    assertThat(subscribed.replay()).hasSize(3);
    assertThat(window.messageCount()).as("the held window sent nothing yet").isEqualTo(1);

    releaseRead.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> window.replay().size() == 1
        && window.replay().get(0).get("id").asText().equals("t3"));
  }

  @Test
  void aReadThatFailsEndsItsQuerysSubscriptionsWithATypedErrorAndNothingElse() {
    EngineConvergenceTest.Recorder window = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc()).limit(1).spec(), window);
    EngineConvergenceTest.Recorder other = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b2")).spec(), other);
    failReads = true;

    store.transaction(tx -> {
      tx.update("t1", TaskUpdate.of().boardId("b3"));
      tx.update("t2", TaskUpdate.of().boardId("b3"));
      return null;
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> window.failure() != null);
    assertThat(window.failure().code()).isEqualTo(dev.live.error.ErrorCode.STORAGE_FAILED);
    assertThat(engine.nodeCount()).as("the failed query is dropped, the other stays").isEqualTo(1);
    store.insert(TaskInsert.builder().id("t9").boardId("b2").title("New").status(Status.TODO).position(2)
        .estimate(1).revision(1L).labels(List.of()).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> other.replay().size() == 2);
    assertThat(engine.isRunning()).isTrue();
  }
}
