package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Task;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that moves to a node which has not read the latest commits yet gets a reset no older
 * than what it held (docs/scale-out.md, Failover): the node waits, within a bound, for its engine
 * to read that far. Node 2 here hears of node 1's commits only by polling, once a second, so
 * without the wait its snapshot would be older than the client's version.
 */
class ResetCatchUpTest {
  private static final String TASKS_OF_B1 =
      "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":\"boardId\",\"value\":\"b1\"}}";

  private TestDatabase database;
  private Store store1;
  private Store store2;
  private Database secondDatabase;
  private LiveServer node2;

  @BeforeEach
  void startTwoNodes() {
    database = Backend.POSTGRESQL.create();
    store1 = Store.open(database.database(), AppSchema.INSTANCE, StoreOptions.defaults());
    BoardData.seed(store1);
    secondDatabase = Database.postgres(database.jdbcUrl(), database.user(), database.password());
    store2 = Store.open(secondDatabase, AppSchema.INSTANCE, StoreOptions.builder()
        .crossNodeWakeups(false).tailPollInterval(Duration.ofSeconds(1)).build());
    node2 = LiveServer.builder().schema(AppSchema.INSTANCE).store(store2).rules(Rules.none()).host("127.0.0.1")
        .port(0).start();
  }

  @AfterEach
  void stop() {
    if (node2 != null) {
      node2.close();
    }
    for (AutoCloseable closing : new AutoCloseable[] {store2, secondDatabase, store1, database}) {
      try {
        if (closing != null) {
          closing.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aResetOnANodeBehindTheClientIsNoOlderThanWhatTheClientHeld() {
    // Written on node 1: the client, there, saw this version; node 2 has not polled since.
    store1.insert(TaskInsert.of(new Task("t-new", "b1", "Written on node 1", Status.TODO, null, null, 99, 1.0, 0,
        List.of(), null)));
    long held = store1.changes().latestVersion();

    try (WsClient moved = WsClient.open(URI.create("ws://127.0.0.1:" + node2.port() + "/live"), "mover")) {
      moved.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"query\":" + TASKS_OF_B1 + ",\"from\":" + held + "}");
      JsonNode reset = moved.next(m -> m.path("id").asText().equals("s1"));

      assertThat(reset.path("type").asText()).as("%s", reset).isEqualTo("snapshot");
      assertThat(reset.path("reset").asBoolean()).isTrue();
      assertThat(reset.path("version").asLong()).as("the reset's version").isGreaterThanOrEqualTo(held);
      assertThat(reset.path("rows").toString()).contains("t-new");
    }
  }
}
