package dev.live.examples.client;

import dev.live.auth.Rules;
import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Status;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskInsert;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.storage.Store;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a client test class on H2 and on PostgreSQL: a real server on a free loopback port with
 * the board data, a {@link FaultProxy} in front of it through which the clients under test
 * connect (so a test can drop, freeze or refuse their connections), and clients closed after
 * the test.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class ClientTestBase {
  static final Duration WAIT = Duration.ofSeconds(15);

  @Parameter
  Backend backend;

  TestDatabase database;
  Store store;
  LiveServer server;
  FaultProxy proxy;
  private final List<LiveClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    BoardData.seed(store);
    server = configure(LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)).start();
    proxy = FaultProxy.start(server.port());
  }

  /** The server each test gets; override to add rules or options. */
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none());
  }

  /** A client connected through the proxy, with quick heartbeats and reconnects. */
  LiveClient client(String clientId) {
    return client(options().clientId(clientId).build());
  }

  LiveClient client(ClientOptions options) {
    return track(LiveClient.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/live"), AppSchema.INSTANCE, options));
  }

  static ClientOptions.Builder options() {
    return ClientOptions.builder()
        .heartbeat(Duration.ofMillis(500), Duration.ofMillis(1000))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(300))
        .connectTimeout(Duration.ofSeconds(5));
  }

  /** A client connected to the server directly, past the proxy: another user of the app. */
  LiveClient direct(String clientId) {
    return track(LiveClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/live"), AppSchema.INSTANCE,
        ClientOptions.builder().clientId(clientId).build()));
  }

  LiveClient track(LiveClient client) {
    clients.add(client);
    return client;
  }

  /** The tasks of board {@code boardId} as a fresh one-shot query returns them now. */
  List<Task> freshTasks(String boardId) {
    return direct("fresh-" + System.nanoTime()).query(boardTasks(boardId)).get().join();
  }

  static TaskQuery<Task> boardTasks(String boardId) {
    return TaskQuery.where(Task_.boardId.eq(boardId)).orderBy(Task_.position.asc());
  }

  static TaskInsert newTask(String id, String boardId, int position) {
    return TaskInsert.builder().id(id).boardId(boardId).title("Task " + id).status(Status.TODO).position(position)
        .estimate(1).revision(1).labels(List.of()).build();
  }

  @AfterEach
  void stopServer() {
    for (LiveClient client : clients) {
      client.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
