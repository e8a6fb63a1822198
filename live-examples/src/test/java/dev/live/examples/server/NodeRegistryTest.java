package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.Database;
import dev.live.storage.NodeRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The nodes of one database know each other (docs/scale-out.md): each keeps a heartbeat row, and
 * {@code /live/health} shows its id and the live nodes. Several nodes need PostgreSQL; embedded
 * H2 is one process, one node.
 */
class NodeRegistryTest {
  private final List<LiveServer> servers = new ArrayList<>();
  private final List<TestDatabase> databases = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(LiveServer::close);
    databases.forEach(TestDatabase::close);
  }

  @Test
  void healthShowsTheNodeOnH2() {
    TestDatabase database = database(Backend.H2);
    LiveServer server = start(database.database(), "solo");

    JsonNode health = health(server);
    assertThat(health.path("node").asText()).isEqualTo("solo");
    assertThat(health.path("nodes")).extracting(JsonNode::asText).containsExactly("solo");
  }

  @Test
  void nodesOfOneDatabaseSeeEachOtherAndOneThatStopsIsGoneAtOnce() {
    TestDatabase database = database(Backend.POSTGRESQL);
    LiveServer a = start(database.database(), "node-a");
    LiveServer b = start(Database.postgres(database.jdbcUrl(), database.user(), database.password()), "node-b");

    // b saw a when it joined; a sees b at its next heartbeat.
    assertThat(nodes(b)).containsExactly("node-a", "node-b");
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes(a).equals(List.of("node-a", "node-b")));

    b.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> nodes(a).equals(List.of("node-a")));
  }

  @Test
  void aNodeWhoseHeartbeatStoppedIsDroppedAfterTheTimeout() throws Exception {
    TestDatabase database = database(Backend.POSTGRESQL);
    LiveServer a = start(database.database(), "node-a");
    long stale = NodeRegistry.TIMEOUT.toMillis() + 5_000;
    try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
      // A node that died: its last heartbeat is older than the timeout, by the database's clock.
      String now = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
      sql.executeUpdate("INSERT INTO live_nodes (id, started_at, heartbeat_at) VALUES ('dead', 0, " + now + " - "
          + stale + "), ('recent', 0, " + now + ")");
      // At a's next heartbeat: the dead node is swept, the one heard from just now is live.
      await().atMost(Duration.ofSeconds(10)).until(() -> nodes(a).contains("recent"));
      assertThat(nodes(a)).containsExactly("node-a", "recent");
      try (var rows = sql.executeQuery("SELECT count(*) FROM live_nodes WHERE id = 'dead'")) {
        rows.next();
        assertThat(rows.getInt(1)).as("the dead node's row, swept").isZero();
      }
    }
  }

  @Test
  void aNodeIdHasAShape() {
    assertThatThrownBy(() -> ServerOptions.builder().nodeId("two words").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a node id is 1 to 64 letters, digits and . _ : -");
    assertThat(ServerOptions.defaults().nodeId()).matches("[A-Za-z0-9._:-]+-[0-9a-f]{6}");
  }

  private TestDatabase database(Backend backend) {
    TestDatabase database = backend.create();
    databases.add(database);
    return database;
  }

  private LiveServer start(Database database, String nodeId) {
    LiveServer server = LiveServer.builder().schema(AppSchema.INSTANCE).database(database).host("127.0.0.1").port(0)
        .options(ServerOptions.builder().nodeId(nodeId).build()).start();
    servers.add(server);
    return server;
  }

  private static JsonNode health(LiveServer server) {
    return HttpCalls.json(HttpCalls.get(server, "/health"));
  }

  private static List<String> nodes(LiveServer server) {
    List<String> ids = new ArrayList<>();
    health(server).path("nodes").forEach(node -> ids.add(node.asText()));
    return ids;
  }
}
