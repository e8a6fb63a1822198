package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.engine.SubscriptionListener;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.CommentUpdate;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowShape;
import dev.live.storage.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever writes happen, every subscription's result rebuilt from its snapshot and deltas ends
 * equal to the query run on storage: for filters the engine applies in memory, for windows that
 * evict and backfill, for relation conditions and for includes.
 */
class EngineConvergenceTest {
  private static final List<QuerySpec<?>> QUERIES = List.of(
      TaskQuery.where(Task_.boardId.eq("b1")).spec(),
      TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.position.asc()).limit(3).spec(),
      TaskQuery.where(Task_.boardId.eq("b2")).orderBy(Task_.due.desc(), Task_.title.asc()).limit(2).spec(),
      TaskQuery.all().orderBy(Task_.estimate.desc()).first().spec(),
      TaskQuery.all().one("t2").spec(),
      TaskQuery.where(Task_.status.in(Status.TODO, Status.DOING).and(Task_.assigneeId.isNull())).spec(),
      TaskQuery.where(Task_.board.is(dev.live.examples.board.Board_.teamId.eq("team1"))).spec(),
      TaskQuery.where(Task_.boardId.eq("b1")).include(Task_.assignee, Task_.comments.orderBy(Comment_.createdAt.desc()).limit(2)).spec(),
      TaskQuery.where(Task_.comments.some(Comment_.body.eq("note"))).include(Task_.comments.include(Comment_.author)).spec());

  @Property(tries = 20)
  void everySubscriptionEndsEqualToTheQueryOnStorage(@ForAll @Size(max = 30) List<@net.jqwik.api.From("writes") Write> writes) {
    try (TestDatabase database = Backend.H2.create(); Store store = Store.open(database.database(), AppSchema.INSTANCE)) {
      BoardData.seed(store);
      try (LiveEngine engine = LiveEngine.start(store)) {
        List<Recorder> recorders = new ArrayList<>();
        List<EngineSubscription> subscriptions = new ArrayList<>();
        int half = writes.size() / 2;
        for (int i = 0; i < writes.size(); i++) {
          if (i == 0 || i == half) {
            for (QuerySpec<?> query : QUERIES) {
              Recorder recorder = new Recorder();
              recorders.add(recorder);
              subscriptions.add(engine.subscribe(query, recorder));
            }
          }
          writes.get(i).apply(store);
        }
        if (writes.isEmpty()) {
          for (QuerySpec<?> query : QUERIES) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            subscriptions.add(engine.subscribe(query, recorder));
          }
        }
        for (int i = 0; i < recorders.size(); i++) {
          QuerySpec<?> query = QUERIES.get(i % QUERIES.size());
          Recorder recorder = recorders.get(i);
          List<JsonNode> expected = fresh(store, query);
          await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
              assertThat(recorder.replay()).as("query %s after %s", QueryJson.encode(query), writes).isEqualTo(expected));
        }
        subscriptions.forEach(EngineSubscription::close);
        assertThat(engine.nodeCount()).isZero();
      }
    }
  }

  static <T> List<JsonNode> fresh(Store store, QuerySpec<T> spec) {
    RowShape<T, ?> shape = spec.includes().isEmpty() ? RowShape.plain() : spec.collection().rows();
    List<JsonNode> rows = new ArrayList<>();
    for (Object row : store.select(spec, shape)) {
      try {
        rows.add(WsClient.JSON.readTree(RowJson.encode(spec.collection(), spec.includes(), row)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return rows;
  }

  /** Collects what the engine sends one subscription. */
  static final class Recorder implements SubscriptionListener {
    private final List<JsonNode> messages = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void snapshot(long version, String rows) {
      messages.add(parse("{\"type\":\"snapshot\",\"version\":" + version + ",\"rows\":" + rows + "}"));
    }

    @Override
    public void delta(long fromVersion, long toVersion, String changes) {
      messages.add(parse("{\"type\":\"delta\",\"from\":" + fromVersion + ",\"to\":" + toVersion + ",\"changes\":" + changes + "}"));
    }

    private volatile LiveException failure;

    @Override
    public void failed(LiveException error) {
      failure = error;
    }

    /** The error that ended the subscription, or null. */
    LiveException failure() {
      return failure;
    }

    /** The messages so far, as parsed JSON. */
    List<JsonNode> messages() {
      synchronized (messages) {
        return List.copyOf(messages);
      }
    }

    int messageCount() {
      return messages.size();
    }

    List<JsonNode> replay() {
      if (failure != null) {
        throw new AssertionError("subscription failed", failure);
      }
      ReplayedResult result = new ReplayedResult();
      synchronized (messages) {
        messages.forEach(result::apply);
      }
      return result.rows();
    }

    private static JsonNode parse(String json) {
      try {
        return WsClient.JSON.readTree(json);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** One write to the tasks of the board data. */
  record Write(String kind, String id, String board, Status status, int position, int dueDays, boolean assigned) {
    void apply(Store store) {
      try {
        switch (kind) {
          case "insert" -> store.insert(TaskInsert.builder().id(id).boardId(board).title("Task " + id)
              .status(status).position(position).estimate(position / 2.0).revision(1L).labels(List.of())
              .due(dueDays < 0 ? null : Instant.parse("2026-12-01T00:00:00Z").plusSeconds(86_400L * dueDays))
              .assigneeId(assigned ? "u1" : null).build());
          case "update" -> store.update(id, TaskUpdate.of().status(status).position(position).boardId(board)
              .assigneeId(assigned ? "u2" : null));
          case "comment" -> store.insert(CommentInsert.of(BoardData.comment(10 + position, id, "u2", "note", dueDays + 10)));
          case "recomment" -> store.update(new UUID(0, 1 + position % 5), CommentUpdate.of().taskId(id));
          case "uncomment" -> store.delete(Comment_.COLLECTION, new UUID(0, 1 + position % 5));
          case "rename" -> store.update(assigned ? "u1" : "u2", UserUpdate.of().name("User " + position));
          default -> store.delete(Task_.COLLECTION, id);
        }
      } catch (LiveException e) {
        // A write the data refuses (a duplicate id, a missing row, a task with comments) changes nothing.
      }
    }
  }

  @Provide
  Arbitrary<Write> writes() {
    return Combinators.combine(
        Arbitraries.of("insert", "update", "update", "delete", "comment", "recomment", "uncomment", "rename"),
        Arbitraries.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"),
        Arbitraries.of("b1", "b2", "b3"),
        Arbitraries.of(Status.class),
        Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(-1, 3),
        Arbitraries.of(true, false)).as(Write::new);
  }
}
