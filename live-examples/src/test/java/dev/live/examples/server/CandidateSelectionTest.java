package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.engine.LiveEngine;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.storage.StatementObserver;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change reaches only the queries it can matter to: the engine neither reads storage for nor
 * sends anything to the others, however many there are.
 */
class CandidateSelectionTest {
  private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private TestDatabase database;
  private Store store;
  private LiveEngine engine;

  @BeforeEach
  void open() {
    database = Backend.H2.create();
    StatementObserver observer = statements::add;
    store = Store.open(database.database(), AppSchema.INSTANCE, StoreOptions.builder().statementObserver(observer).build());
    BoardData.seed(store);
    engine = LiveEngine.start(store);
  }

  @AfterEach
  void close() {
    engine.close();
    store.close();
    database.close();
  }

  @Test
  void anInsertReachesOnlyTheQueryWhoseEqualityKeyItHasAndReadsNothing() {
    List<EngineConvergenceTest.Recorder> unrelated = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
      unrelated.add(recorder);
      engine.subscribe(TaskQuery.where(Task_.boardId.eq("other-" + i)).spec(), recorder);
    }
    EngineConvergenceTest.Recorder b1 = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc()).spec(), b1);
    statements.clear();

    store.insert(TaskInsert.builder().id("t9").boardId("b1").title("New").status(Status.TODO).position(0)
        .estimate(1).revision(1L).labels(List.of()).build());

    await().atMost(Duration.ofSeconds(10)).until(() -> b1.replay().size() == 4);
    assertThat(queriesOfTables()).as("reads of data tables after the insert").isEmpty();
    assertThat(unrelated).allSatisfy(recorder -> assertThat(recorder.messageCount()).isEqualTo(1));
  }

  @Test
  void aChangeOfAnIncludedRowIsAppliedInMemoryWithoutReadingStorage() {
    EngineConvergenceTest.Recorder b1 = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.boardId.eq("b1")).include(Task_.comments).spec(), b1);
    long before = engine.position();
    statements.clear();

    // t4 is on board b2: its new comment is in no result.
    store.insert(CommentInsert.of(BoardData.comment(20, "t4", "u1", "elsewhere", 30)));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.position() > before);
    assertThat(queriesOfTables()).isEmpty();
    assertThat(b1.messageCount()).isEqualTo(1);

    // t1 is on board b1: its new comment comes in through the include, from memory.
    store.insert(CommentInsert.of(BoardData.comment(21, "t1", "u1", "here", 31)));
    await().atMost(Duration.ofSeconds(10)).until(() -> b1.messageCount() == 2);
    assertThat(queriesOfTables()).isEmpty();
  }

  @Test
  void aChangeReachesOnlyTheRangeQueriesItsValueFallsIn() {
    List<EngineConvergenceTest.Recorder> ranges = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
      ranges.add(recorder);
      // Disjoint ranges of positions, half of them open-ended below.
      engine.subscribe(i % 2 == 0
          ? TaskQuery.where(Task_.position.gte(1000 + 10 * i)).and(Task_.position.lt(1010 + 10 * i)).spec()
          : TaskQuery.where(Task_.position.lte(-1000 - 10 * i)).spec(), recorder);
    }
    long touches = engine.stats().touches();

    store.insert(TaskInsert.builder().id("t9").boardId("b1").title("New").status(Status.TODO).position(1005 + 10 * 42)
        .estimate(1).revision(1L).labels(List.of()).build());

    await().atMost(Duration.ofSeconds(10)).until(() -> ranges.get(42).replay().size() == 1);
    assertThat(engine.stats().touches() - touches).as("nodes the insert reached").isEqualTo(1);
    assertThat(ranges).filteredOn(recorder -> recorder.messageCount() > 1).hasSize(1);
  }

  @Test
  void aChangeReachesOnlyThePrefixQueriesItsValueStartsWith() {
    List<EngineConvergenceTest.Recorder> prefixes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
      prefixes.add(recorder);
      engine.subscribe(TaskQuery.where(Task_.title.startsWith("p" + i + "-")).spec(), recorder);
    }
    EngineConvergenceTest.Recorder shorter = new EngineConvergenceTest.Recorder();
    engine.subscribe(TaskQuery.where(Task_.title.startsWith("p")).spec(), shorter);
    long touches = engine.stats().touches();

    store.insert(TaskInsert.builder().id("t9").boardId("b1").title("p42-launch").status(Status.TODO).position(1)
        .estimate(1).revision(1L).labels(List.of()).build());

    await().atMost(Duration.ofSeconds(10)).until(() -> prefixes.get(42).replay().size() == 1
        && shorter.replay().size() == 1);
    assertThat(engine.stats().touches() - touches).as("nodes the insert reached").isEqualTo(2);
  }

  @Test
  void queriesWhoseKeyRepeatsAValueOrIsEmptyComeAndGoCleanly() {
    EngineConvergenceTest.Recorder recorder = new EngineConvergenceTest.Recorder();
    var repeated = engine.subscribe(TaskQuery.where(Task_.status.in(Status.TODO, Status.TODO)).spec(), recorder);
    var one = engine.subscribe(TaskQuery.all().one("t1").spec(), recorder);
    var nothing = engine.subscribe(TaskQuery.where(Task_.id.in(List.of()).or(Task_.position.gt(100))).spec(), recorder);
    var emptyKey = engine.subscribe(TaskQuery.where(Task_.id.in(List.of())).and(Task_.position.gt(0)).spec(), recorder);
    assertThat(engine.nodeCount()).isEqualTo(4);
    one.close();
    repeated.close();
    emptyKey.close();
    nothing.close();
    assertThat(engine.nodeCount()).isZero();
    assertThat(engine.subscriptionCount()).isZero();
  }

  /** Statements reading data tables: not the change log the engine follows, nor the writes themselves. */
  private List<String> queriesOfTables() {
    synchronized (statements) {
      return statements.stream().filter(sql -> sql.startsWith("SELECT") && !sql.contains("live_") && !sql.contains("INSERT INTO")).toList();
    }
  }
}
