package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
  private final AtomicInteger freshIds = new AtomicInteger();
  private WsClient freshClient;

  @BeforeEach
  void startServer() {
    database = createDatabase();
    store = Store.open(database.database(), AppSchema.INSTANCE, storeOptions());
    BoardData.seed(store);
    server = configure(LiveServer.builder().schema(AppSchema.INSTANCE).store(store).host("127.0.0.1").port(0)).start();
  }

  /** The database each test gets; override to reach it through {@link dev.live.examples.storage.JdbcFaults}. */
  TestDatabase createDatabase() {
    return backend.create();
  }

  /** The options of the store each test's server runs on; override to change them. */
  StoreOptions storeOptions() {
    return StoreOptions.defaults();
  }

  /**
   * An authenticator for tests: the user the bearer token names ({@code Bearer ann} is user ann),
   * anonymous without one.
   */
  static dev.live.auth.AuthContext bearerUser(dev.live.auth.Handshake handshake) {
    return handshake.bearerToken().map(dev.live.auth.AuthContext::user).orElse(dev.live.auth.AuthContext.anonymous());
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

  /** The rows of {@code query} as a fresh one-shot query by an anonymous client returns them now. */
  List<JsonNode> fresh(String query) {
    if (freshClient == null) {
      freshClient = client(null);
    }
    return fresh(freshClient, query);
  }

  /** The rows of {@code query} as a one-shot query by {@code client} returns them now (its read rules apply). */
  List<JsonNode> fresh(WsClient client, String query) {
    String id = "fresh" + freshIds.incrementAndGet();
    JsonNode reply = client.request(id, "{\"type\":\"query\",\"id\":\"" + id + "\",\"query\":" + query + "}");
    assertThat(reply.path("type").asText()).as("reply to a one-shot query: %s", reply).isEqualTo("rows");
    List<JsonNode> list = new ArrayList<>();
    reply.path("rows").forEach(list::add);
    return list;
  }

  /**
   * Checks that a fresh query of {@code query} returns rows with exactly {@code ids} (so that the
   * expectation does not rest on the server alone), then waits until subscription {@code id} of
   * {@code client}, replayed from its snapshot and deltas, holds exactly those rows.
   */
  void awaitConverged(WsClient client, String id, String query, String... ids) {
    awaitConverged(client, id, fresh(query), ids);
  }

  /** As {@link #awaitConverged(WsClient, String, String, String...)}, with the fresh rows given. */
  static void awaitConverged(WsClient client, String id, List<JsonNode> fresh, String... ids) {
    assertThat(fresh).as("fresh query").extracting(row -> row.path("id").asText()).containsExactly(ids);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ReplayedResult.of(client, id).rows()).as("subscription %s", id).isEqualTo(fresh));
  }

  /** Wire JSON written with single quotes, for readability: {@code json("{'op':'eq'}")}. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** Sends a mutation (values in {@link #json} form, the key a string id) and checks it was applied. */
  static JsonNode applied(WsClient client, String op, String collection, String key, String value) {
    JsonNode ack = client.mutate(op, collection, key == null ? null : "\"" + key + "\"",
        value == null ? null : json(value));
    assertThat(ack.path("status").asText()).as("ack of %s %s %s: %s", op, collection, key, ack).isEqualTo("applied");
    return ack;
  }

  static JsonNode update(WsClient client, String collection, String key, String changes) {
    return applied(client, "update", collection, key, changes);
  }

  static JsonNode insert(WsClient client, String collection, String row) {
    return applied(client, "insert", collection, null, row);
  }

  static JsonNode delete(WsClient client, String collection, String key) {
    return applied(client, "delete", collection, key, null);
  }

  /** A task row in {@link #json} form. */
  static String task(String id, String board, String status, int position) {
    return "{'id':'" + id + "','boardId':'" + board + "','title':'Task " + id + "','status':'" + status
        + "','assigneeId':null,'due':null,'position':" + position
        + ",'estimate':1.0,'revision':1,'labels':[],'checklist':null}";
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
