package dev.live.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Store;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test class once on H2 and once on PostgreSQL: each test gets a new database with the
 * board data, a real server on a free loopback port, and WebSocket clients closed afterwards.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class ServerTestBase {
  @Parameter
  Backend backend;

  TestDatabase database;
  Store store;
  LiveServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE);
    BoardData.seed(store);
    server = configure(LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)).start();
  }

  /** The server each test gets; override to add rules, procedures, options. */
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none()).options(ServerOptions.defaults());
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/live");
  }

  /** A client that said hello, closed after the test. */
  WsClient client(String clientId) {
    WsClient client = WsClient.open(uri(), clientId);
    clients.add(client);
    return client;
  }

  /** A client that has not said hello yet. */
  WsClient rawClient() {
    WsClient client = WsClient.connect(uri());
    clients.add(client);
    return client;
  }

  WsClient track(WsClient client) {
    clients.add(client);
    return client;
  }

  /** The rows of {@code query} as a fresh one-shot query returns them now. */
  List<JsonNode> fresh(String query) {
    WsClient client = client(null);
    JsonNode rows = client.request("q", "{\"type\":\"query\",\"id\":\"q\",\"query\":" + query + "}");
    List<JsonNode> list = new ArrayList<>();
    rows.path("rows").forEach(list::add);
    return list;
  }

  @AfterEach
  void stopServer() {
    for (WsClient client : clients) {
      client.close();
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
