package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.auth.AuthContext;
import dev.live.auth.Authenticator;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code endSessions(user)} on one node ends the user's sessions on every node of the database
 * (docs/scale-out.md): the other nodes hear of it by a control message on the wake-up channel.
 * The tails poll once a minute here, so nothing else could carry it in time.
 */
class EndSessionsAcrossNodesTest {
  private static final Authenticator NAMED = handshake ->
      handshake.bearerToken().map(AuthContext::of).orElse(AuthContext.anonymous());
  private static final StoreOptions SLOW_POLL = StoreOptions.builder().tailPollInterval(java.time.Duration.ofMinutes(1))
      .build();

  private TestDatabase database;
  private LiveServer nodeA;
  private LiveServer nodeB;

  @BeforeEach
  void startTwoNodes() {
    database = Backend.POSTGRESQL.create();
    nodeA = node(database.database(), "node-a");
    nodeB = node(Database.postgres(database.jdbcUrl(), database.user(), database.password()), "node-b");
  }

  @AfterEach
  void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void aUsersSessionsEndOnEveryNode() throws Exception {
    try (WsClient annOnB = as("ann", nodeB); WsClient bobOnB = as("bob", nodeB); WsClient annOnA = as("ann", nodeA)) {
      assertThat(nodeA.endSessions("ann")).as("closed on node A itself").isEqualTo(1);

      assertThat(annOnA.closed.get(10, TimeUnit.SECONDS)[0]).isEqualTo(1008);
      assertThat(annOnB.closed.get(10, TimeUnit.SECONDS)[0]).as("ann's session on node B").isEqualTo(1008);
      assertThat(annOnB.closeReason.get(1, TimeUnit.SECONDS)).contains("ended this user's sessions");
      assertThat(bobOnB.request("p", "{\"type\":\"ping\",\"id\":\"p\"}").path("type").asText())
          .as("bob is untouched").isEqualTo("pong");
    }
  }

  private static LiveServer node(Database database, String id) {
    return LiveServer.builder().schema(AppSchema.INSTANCE).database(database).storeOptions(SLOW_POLL)
        .authenticate(NAMED).options(ServerOptions.builder().nodeId(id).build()).host("127.0.0.1").port(0).start();
  }

  private static WsClient as(String user, LiveServer node) {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + node.port() + "/live"),
        Map.of("Authorization", "Bearer " + user));
    client.hello(null);
    return client;
  }
}
