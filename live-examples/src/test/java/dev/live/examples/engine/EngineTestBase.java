package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Board;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.Condition;
import dev.live.query.ConditionMatcher;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.query.RowOrder;
import dev.live.query.RowShape;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Store;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test class on H2 and on PostgreSQL, each test on a new database holding the {@link
 * Parents}' teams, users and boards. Its assertions check one expectation twice: against
 * storage's SQL and against the in-memory matcher and order, with the database's {@link
 * ValueOrder}, so each example pins a rule of the database and the engine's copy of it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class EngineTestBase {
  @Parameter
  Backend backend;

  TestDatabase database;
  Store store;
  /** The parents' boards as stored. */
  List<Board> boards;

  @BeforeEach
  void openStore() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    boards = Parents.seedOwners(store);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** The order of values on this test's database. */
  ValueOrder order() {
    return backend == Backend.H2 ? ValueOrder.H2 : ValueOrder.POSTGRESQL;
  }

  /** Asserts that storage and the matcher both select exactly the rows with {@code ids}, in id order. */
  <T> void assertSelects(CollectionSchema<T> collection, List<T> rows, Condition<T> where, Object... ids) {
    List<Object> inMemory = rows.stream().filter(row -> ConditionMatcher.matches(where, row, order()))
        .sorted(RowOrder.of(collection, List.of(), order())).map(row -> (Object) collection.id().get(row)).toList();
    List<Object> stored = store.select(QuerySpec.all(collection).and(where), RowShape.plain()).stream()
        .map(row -> (Object) collection.id().get(row)).toList();
    assertThat(stored).as("storage on %s: %s", backend, where).containsExactly(ids);
    assertThat(inMemory).as("in memory on %s: %s", backend, where).containsExactly(ids);
  }

  /** Asserts that storage and {@link RowOrder} both order all of {@code rows} as {@code ids}. */
  <T> void assertOrders(CollectionSchema<T> collection, List<T> rows, List<Order<T>> orderBy, Object... ids) {
    List<Object> inMemory = rows.stream().sorted(RowOrder.of(collection, orderBy, order()))
        .map(row -> (Object) collection.id().get(row)).toList();
    List<Object> stored = store.select(QuerySpec.all(collection).orderBy(orderBy), RowShape.plain()).stream()
        .map(row -> (Object) collection.id().get(row)).toList();
    assertThat(stored).as("storage on %s: %s", backend, orderBy).containsExactly(ids);
    assertThat(inMemory).as("in memory on %s: %s", backend, orderBy).containsExactly(ids);
  }

  /** A task on board b1 with plain values, to vary one field of. */
  static Task task(String id) {
    return new Task(id, "b1", "title", Status.TODO, null, null, 0, 0.0, 0L, List.of(), null);
  }

  static Task titled(String id, String title) {
    Task t = task(id);
    return new Task(id, t.boardId(), title, t.status(), t.assigneeId(), t.due(), t.position(), t.estimate(),
        t.revision(), t.labels(), t.checklist());
  }

  static Task assigned(String id, String assigneeId, Status status) {
    Task t = task(id);
    return new Task(id, t.boardId(), t.title(), status, assigneeId, t.due(), t.position(), t.estimate(),
        t.revision(), t.labels(), t.checklist());
  }

  static Task due(String id, Instant due) {
    Task t = task(id);
    return new Task(id, t.boardId(), t.title(), t.status(), t.assigneeId(), due, t.position(), t.estimate(),
        t.revision(), t.labels(), t.checklist());
  }

  static Task estimated(String id, double estimate) {
    Task t = task(id);
    return new Task(id, t.boardId(), t.title(), t.status(), t.assigneeId(), t.due(), t.position(), estimate,
        t.revision(), t.labels(), t.checklist());
  }

  static Task positioned(String id, int position, Instant due) {
    Task t = task(id);
    return new Task(id, t.boardId(), t.title(), t.status(), t.assigneeId(), due, position, t.estimate(),
        t.revision(), t.labels(), t.checklist());
  }
}
