package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.auth.Rules;
import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.BoardData;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restart on a file-backed H2: the client reconnects, its subscription gets a reset
 * (the parked subscriptions died with the server), and no acknowledged data is lost. And a
 * client restart: mutations kept in the outbox file are sent by the next client and applied.
 */
class RestartTest {
  @TempDir Path directory;
  private LiveServer server;
  private Store store;
  private int port;

  private void startServer() {
    store = Store.open(Database.h2File(directory.resolve("db")), AppSchema.INSTANCE);
    server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none()).host("127.0.0.1")
        .port(port).start();
    port = server.port();
  }

  private void stopServer() {
    server.close();
    store.close();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      stopServer();
    }
  }

  @Test
  void afterAServerRestartTheSubscriptionIsResetAndNothingAcknowledgedIsLost() {
    startServer();
    BoardData.seed(store);
    LiveClient client = LiveClient.connect(uri(), AppSchema.INSTANCE, ClientTestBase.options().clientId("restarted").build());
    try {
      Results<Task> results = new Results<>();
      client.query(ClientTestBase.boardTasks("b1")).subscribe(results);
      results.await("first result", result -> !result.rows().isEmpty());
      client.insert(ClientTestBase.newTask("k1", "b1", 300)).join(); // acknowledged before the restart
      long snapshots = client.stats().snapshots();

      stopServer();
      startServer();
      client.update(Task_.COLLECTION, "k1", TaskUpdate.of().title("after restart")).join();

      List<Task> fresh = client.query(ClientTestBase.boardTasks("b1")).get().join();
      assertThat(fresh).extracting(Task::id).contains("k1");
      results.awaitLatest("equal to a fresh query", result -> result.rows().equals(fresh));
      assertThat(client.stats().snapshots()).as("a reset snapshot").isGreaterThan(snapshots);
    } finally {
      client.close();
    }
  }

  @Test
  void mutationsInTheOutboxFileSurviveAClientRestart() throws Exception {
    startServer();
    BoardData.seed(store);
    Path outbox = directory.resolve("outbox.json");
    int serverPort = port;
    stopServer(); // the first client never reaches the server
    server = null;

    ClientOptions options = ClientTestBase.options().outboxFile(outbox).build();
    LiveClient first = LiveClient.start(uri(), AppSchema.INSTANCE, options);
    first.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("queued 1"));
    first.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("queued 2"));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(outbox) && Files.readString(outbox).contains("queued 2"));
    String clientId = first.clientId();
    first.close();

    port = serverPort;
    startServer();
    LiveClient second = LiveClient.connect(uri(), AppSchema.INSTANCE, options);
    try {
      assertThat(second.clientId()).as("the client id comes from the file").isEqualTo(clientId);
      await().atMost(ClientTestBase.WAIT).until(() -> second.pendingMutations() == 0);
      assertThat(second.query(TaskQuery.all().one("t1")).get().join())
          .hasValueSatisfying(task -> assertThat(task.title()).isEqualTo("queued 2"));
      assertThat(Files.readString(outbox)).doesNotContain("queued");
    } finally {
      second.close();
    }
  }

  private URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/live");
  }
}
