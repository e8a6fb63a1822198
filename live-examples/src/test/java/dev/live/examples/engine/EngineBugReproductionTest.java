package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.query.Condition;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowShape;
import dev.live.storage.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Minimal reproductions of engine bugs that {@link RelationalEnginePropertiesTest} found, one
 * test each, on the storage suite's {@link BoardData}: t1 has comments c1, c2, c3 (by u2, u1,
 * u2), t3 has c4 and t4 has c5. Each test fails while its bug is in the engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class EngineBugReproductionTest {
  @Parameter
  Backend backend;

  private TestDatabase database;
  private Store store;
  private LiveEngine engine;

  @BeforeEach
  void start() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    BoardData.seed(store);
    engine = LiveEngine.start(store);
  }

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /**
   * A row inserted into a node pulls in a to-one target that exists already (the task of a new
   * comment); when another node has that target cached, the engine fills the target's to-many
   * include as if the target were new too: empty, so the task shows only the new comment, not
   * the three it had. Without the other node the target is not cached and the node reads again,
   * correctly.
   */
  @Test
  void aToOneTargetPulledInByAnInsertKeepsItsToManyRelatedRows() {
    subscribe(CommentQuery.all().include(Comment_.task).spec()); // caches t1, the task of c1..c3
    QuerySpec<?> newComments = CommentQuery.where(Comment_.body.eq("new"))
        .include(Comment_.task.include(Task_.comments.orderBy(Comment_.createdAt.asc()))).spec();
    MessageLog log = subscribe(newComments);

    store.insert(CommentInsert.of(BoardData.comment(9, "t1", "u1", "new", 30)));

    assertConverges(newComments, log);
  }

  /**
   * One relation condition instance used twice in a query, in its where and in a nested
   * include's where (natural in Java: conditions are immutable values). The engine ties the
   * condition to one place only, the first it meets; a key leaving its set then updates the
   * query's rows but not the include, which keeps a row that no longer matches.
   */
  @Test
  void aRelationConditionUsedInTheWhereAndInAnIncludeUpdatesBoth() {
    Condition<Task> commented = Task_.comments.some(Comment_.authorId.eq("u1"));
    QuerySpec<?> spec = TaskQuery.where(commented).orderBy(Task_.id.asc())
        .include(Task_.board.include(Board_.tasks.where(commented).orderBy(Task_.id.asc()))).spec();
    MessageLog log = subscribe(spec); // t1 (c2 by u1), t3 (c4 by u1), t4 (c5 by u1); b1 shows t1 and t3

    store.delete(Comment_.COLLECTION, BoardData.C4.id()); // t3 has no comment of u1 any more

    assertConverges(spec, log);
  }

  private MessageLog subscribe(QuerySpec<?> spec) {
    MessageLog log = new MessageLog();
    EngineSubscription subscription = engine.subscribe(spec, log);
    assertThat(subscription).isNotNull();
    return log;
  }

  private void assertConverges(QuerySpec<?> spec, MessageLog log) {
    long latest = store.changes().latestVersion();
    await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .until(() -> engine.position() >= latest && engine.stats().pendingNodes() == 0);
    assertThat(log.replay()).as("%s on %s", QueryJson.encode(spec), backend).isEqualTo(select(spec));
  }

  private <T> List<JsonNode> select(QuerySpec<T> spec) {
    RowShape<T, ?> shape = spec.includes().isEmpty() ? RowShape.plain() : spec.collection().rows();
    List<JsonNode> rows = new ArrayList<>();
    for (Object row : store.select(spec, shape)) {
      rows.add(MessageLog.parse(RowJson.encode(spec.collection(), spec.includes(), row)));
    }
    return rows;
  }
}
