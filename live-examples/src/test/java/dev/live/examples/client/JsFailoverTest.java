package dev.live.examples.client;

import dev.live.auth.Rules;
import dev.live.examples.board.AppSchema;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.server.LiveServer;
import dev.live.storage.Database;
import dev.live.storage.Store;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser client given several nodes ({@code src/test/js/failover.mjs}), run by Node against
 * two nodes on one PostgreSQL database (a fresh schema per test; skipped without PostgreSQL, except
 * in CI): it spreads, passes over a dead node, and moves to node 2 when node 1 stops.
 */
class JsFailoverTest {
  private TestDatabase database;
  private Database secondDatabase;
  private Store store1;
  private Store store2;
  private LiveServer node1;
  private LiveServer node2;
  private FaultProxy proxy1;
  private FaultProxy dead;

  @BeforeEach
  void startTwoNodes() throws Exception {
    database = Backend.POSTGRESQL.create();
    store1 = Store.open(database.database(), AppSchema.INSTANCE, FailoverTest.NODE_STORE);
    BoardData.seed(store1);
    secondDatabase = Database.postgres(database.jdbcUrl(), database.user(), database.password());
    store2 = Store.open(secondDatabase, AppSchema.INSTANCE, FailoverTest.NODE_STORE);
    node1 = node(store1);
    node2 = node(store2);
    proxy1 = FaultProxy.start(node1.port());
    dead = FaultProxy.start(node1.port());
    dead.refuse(true); // a node that is down: every connection is reset at once, schema requests too
  }

  private static LiveServer node(Store store) {
    return LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none()).host("127.0.0.1").port(0)
        .start();
  }

  @AfterEach
  void stopNodes() {
    if (dead != null) {
      dead.close();
    }
    if (proxy1 != null) {
      proxy1.close();
    }
    stopNode1();
    if (node2 != null) {
      node2.close();
    }
    if (store2 != null) {
      store2.close();
    }
    if (secondDatabase != null) {
      secondDatabase.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private void stopNode1() {
    if (node1 != null) {
      node1.close();
      node1 = null;
    }
    if (store1 != null) {
      store1.close();
      store1 = null;
    }
  }

  @Test
  void browserClientGivenSeveralNodesSpreadsPassesOverADeadOneAndMovesOnWhenItsNodeStops() {
    NodeScripts.run("failover.mjs", Map.of(
        "blackhole-node-1", () -> proxy1.blackhole(true),
        "stop-node-1", () -> {
          proxy1.refuse(true);
          stopNode1();
          proxy1.dropAll();
        }), Map.of(
        "LIVE_NODE_1", ws(proxy1.port()).toString(),
        "LIVE_NODE_2", ws(node2.port()).toString(),
        "LIVE_DEAD_NODE", ws(dead.port()).toString()));
  }

  private static URI ws(int port) {
    return URI.create("ws://127.0.0.1:" + port + "/live");
  }
}
