package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.examples.board.Comment;
import dev.live.examples.board.CommentInsert;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.BoardData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions stay exact under concurrent writes: while a writer inserts, updates and deletes
 * tasks (through the data API and through a client's mutations), clients subscribe at different
 * moments; once the writer stops, every subscription replayed from its snapshot and deltas
 * equals a fresh query, and every delta starts at the version the previous message ended at.
 */
class ConsistencyTest extends ServerTestBase {
  private static final int WRITES = 200;
  private static final Duration WRITING_AT_MOST = Duration.ofSeconds(10);
  private static final List<String> BOARDS = List.of("b1", "b2", "b3");
  private static final List<String> USERS = List.of("u1", "u2", "u3");

  private static final List<String> QUERIES = List.of(
      json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}"),
      json("{'collection':'tasks','where':{'op':'ne','field':'status','value':'DONE'},"
          + "'orderBy':[{'field':'position','direction':'desc'}],'limit':4}"),
      json("{'collection':'tasks','where':{'op':'in','field':'boardId','values':['b1','b2']},"
          + "'include':[{'relation':'comments','orderBy':[{'field':'createdAt'}],'limit':2}]}"),
      json("{'collection':'boards','where':{'op':'some','relation':'tasks',"
          + "'where':{'op':'eq','field':'status','value':'DOING'}}}"),
      json("{'collection':'tasks','orderBy':[{'field':'due','nulls':'first'}],'first':true}"));

  @Test
  void subscriptionsStartedDuringWritesEndEqualToAFreshQuery() throws InterruptedException {
    AtomicInteger written = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    WsClient writerClient = client("writer");
    List<WsClient> subscribers = new ArrayList<>();
    subscribers.add(subscribeAll("early"));

    Thread writer = new Thread(() -> {
      try {
        write(writerClient, written);
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "consistency-writer");
    writer.start();
    for (int moment : new int[] {20, 70, 140}) {
      await().atMost(Duration.ofSeconds(10)).until(() -> written.get() >= moment || !writer.isAlive());
      subscribers.add(subscribeAll("at-" + moment));
    }
    writer.join(WRITING_AT_MOST.toMillis() + 5_000);
    assertThat(writer.isAlive()).as("writer stopped").isFalse();
    assertThat(failure.get()).as("writer failure").isNull();
    assertThat(written.get()).as("writes made").isGreaterThan(20);

    List<List<JsonNode>> expected = new ArrayList<>();
    for (String query : QUERIES) {
      expected.add(fresh(query));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(divergences(subscribers, expected)).as("subscriptions that differ from a fresh query").isEmpty());
  }

  /** Each subscription whose replayed result is not {@code expected}, with the ids it has too many and too few. */
  private static List<String> divergences(List<WsClient> subscribers, List<List<JsonNode>> expected) {
    List<String> found = new ArrayList<>();
    for (int s = 0; s < subscribers.size(); s++) {
      for (int q = 0; q < expected.size(); q++) {
        List<JsonNode> rows = ReplayedResult.of(subscribers.get(s), "q" + q).rows();
        if (!rows.equals(expected.get(q))) {
          List<JsonNode> extra = new ArrayList<>(rows);
          extra.removeAll(expected.get(q));
          List<JsonNode> missing = new ArrayList<>(expected.get(q));
          missing.removeAll(rows);
          found.add("subscriber " + s + " q" + q + ": unexpected " + ids(extra) + ", missing " + ids(missing)
              + (extra.isEmpty() && missing.isEmpty() ? " (order differs)" : ""));
        }
      }
    }
    return found;
  }

  private static List<String> ids(List<JsonNode> rows) {
    return rows.stream().map(row -> row.path("id").asText()).toList();
  }

  @Test
  void rowInsertedAndDeletedInOneTransactionDoesNotLingerInAResult() {
    String b1 = QUERIES.get(0);
    WsClient ann = client("ann");
    ann.subscribe("s", b1);
    server.data().transaction(tx -> {
      tx.insert(TaskInsert.of(new Task("t9", "b1", "Short-lived", Status.TODO, null, null, 9, 1.0, 1L, List.of(), null)));
      tx.delete(Task_.COLLECTION, "t9");
      tx.update("t2", TaskUpdate.of().title("Touched in the same transaction"));
      return null;
    });
    awaitConverged(ann, "s", b1, "t1", "t2", "t3");
  }

  @Test
  void rowPassingThroughAFilterInOneTransactionDoesNotStayInIt() {
    String b1 = QUERIES.get(0);
    WsClient ann = client("ann");
    ann.subscribe("s", b1);
    server.data().transaction(tx -> {
      tx.update("t4", TaskUpdate.of().boardId("b1")); // into the b1 result...
      tx.update("t4", TaskUpdate.of().boardId("b3")); // ...and out again before the commit
      tx.update("t2", TaskUpdate.of().title("Touched in the same transaction"));
      return null;
    });
    awaitConverged(ann, "s", b1, "t1", "t2", "t3");
  }

  private WsClient subscribeAll(String name) {
    WsClient client = client(name);
    for (int q = 0; q < QUERIES.size(); q++) {
      JsonNode snapshot = client.subscribe("q" + q, QUERIES.get(q));
      assertThat(snapshot.path("type").asText()).as("reply %s", snapshot).isEqualTo("snapshot");
    }
    return client;
  }

  /** Up to {@link #WRITES} random writes or {@link #WRITING_AT_MOST}, whichever ends first. */
  private void write(WsClient client, AtomicInteger written) {
    Random random = new Random(7 + backend.ordinal());
    long deadline = System.nanoTime() + WRITING_AT_MOST.toNanos();
    List<String> tasks = new ArrayList<>(List.of("t1", "t2", "t3", "t4", "t5"));
    Set<String> commented = new HashSet<>(List.of("t1", "t3", "t4"));
    int created = 0;
    for (int i = 0; i < WRITES && System.nanoTime() < deadline; i++) {
      boolean viaClient = random.nextBoolean();
      int op = random.nextInt(10);
      if (op < 3 || tasks.size() < 3) {
        String id = "w" + (++created);
        String board = pick(random, BOARDS);
        Status status = Status.values()[random.nextInt(3)];
        int position = random.nextInt(20);
        if (viaClient) {
          insert(client, "tasks", task(id, board, status.name(), position));
        } else {
          server.data().insert(TaskInsert.of(new Task(id, board, "Task " + id, status, null,
              random.nextBoolean() ? null : BoardData.T0.plusSeconds(random.nextInt(100_000)), position, 1.0, 1L,
              List.of(), null)));
        }
        tasks.add(id);
      } else if (op < 7) {
        String id = pick(random, tasks);
        Status status = Status.values()[random.nextInt(3)];
        int position = random.nextInt(20);
        String board = pick(random, BOARDS);
        if (viaClient) {
          update(client, "tasks", id, "{'status':'" + status + "','position':" + position + ",'boardId':'" + board + "'}");
        } else {
          server.data().update(id, TaskUpdate.of().status(status).position(position).boardId(board)
              .due(random.nextBoolean() ? null : BoardData.T0.plusSeconds(random.nextInt(100_000))));
        }
      } else if (op < 9) {
        String task = pick(random, tasks);
        server.data().insert(CommentInsert.of(new Comment(UUID.randomUUID(), task, pick(random, USERS),
            "Comment " + i, BoardData.T0.plusSeconds(random.nextInt(100_000)))));
        commented.add(task);
      } else {
        List<String> deletable = tasks.stream().filter(t -> !commented.contains(t)).toList();
        if (!deletable.isEmpty()) {
          String id = pick(random, deletable);
          if (viaClient) {
            delete(client, "tasks", id);
          } else {
            server.data().delete(Task_.COLLECTION, id);
          }
          tasks.remove(id);
        }
      }
      written.incrementAndGet();
    }
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
