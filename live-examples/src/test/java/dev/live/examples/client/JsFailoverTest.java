package dev.live.examples.client;

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
  private TwoNodes nodes;
  private FaultProxy dead;

  @BeforeEach
  void startTwoNodes() throws Exception {
    nodes = TwoNodes.start();
    dead = FaultProxy.start(nodes.node1Port());
    dead.refuse(true); // a node that is down: every connection is reset at once, schema requests too
  }

  @AfterEach
  void stopNodes() {
    if (dead != null) {
      dead.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void browserClientGivenSeveralNodesSpreadsPassesOverADeadOneAndMovesOnWhenItsNodeStops() {
    NodeScripts.run("failover.mjs", Map.of(
        "blackhole-node-1", () -> nodes.proxy1.blackhole(true),
        "stop-node-1", () -> {
          nodes.proxy1.refuse(true);
          nodes.stopNode1();
          nodes.proxy1.dropAll();
        }), Map.of(
        "LIVE_NODE_1", ws(nodes.proxy1.port()).toString(),
        "LIVE_NODE_2", ws(nodes.node2.port()).toString(),
        "LIVE_DEAD_NODE", ws(dead.port()).toString()));
  }

  private static URI ws(int port) {
    return URI.create("ws://127.0.0.1:" + port + "/live");
  }
}
