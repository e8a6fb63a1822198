package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.client.ClientStats;
import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.server.ServerProcess;
import dev.live.server.LiveServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover on PostgreSQL: two nodes on one database (a fresh schema per test), each seeing the
 * other's commits within the short tail poll set here, and Java clients given both. When a
 * client's node stops (closed, or a process killed with {@code kill -9}), the client moves to the
 * other node; there its subscription gets a reset snapshot (the other node has nothing of it to
 * resume) and then the deltas of what is written, and a mutation the dying node never
 * acknowledged is sent again and applied exactly once, as its claim is in the shared database.
 */
class FailoverTest {
  private TwoNodes nodes;
  private final List<LiveClient> clients = new ArrayList<>();

  @BeforeEach
  void startTwoNodes() throws Exception {
    nodes = TwoNodes.start();
  }

  @AfterEach
  void stopNodes() {
    clients.forEach(LiveClient::close);
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void whenItsNodeStopsTheClientMovesToTheOtherGetsAResetAndThenDeltasAndItsLostMutationAppliesOnce()
      throws Exception {
    LiveClient client = client(List.of(via(nodes.proxy1), uri(nodes.node2)), "mover");
    assertThat(client.node()).as("node 1, listed first").isEqualTo(via(nodes.proxy1));
    Results<Task> results = new Results<>();
    client.query(ClientTestBase.boardTasks("b1")).subscribe(results);
    results.await("the first result", result -> !result.rows().isEmpty());

    // Node 1 dies with the client's insert on its way: the insert never reaches it.
    nodes.proxy1.blackhole(true);
    CompletableFuture<Task> insert = client.insert(ClientTestBase.newTask("x1", "b1", 200));
    nodes.proxy1.refuse(true);
    nodes.stopNode1();
    nodes.proxy1.dropAll();

    assertThat(insert.join().id()).isEqualTo("x1");
    assertThat(client.node()).as("the client moved to node 2").isEqualTo(uri(nodes.node2));
    assertThat(rowsWithId("x1")).as("the insert, applied once").isEqualTo(1);
    List<Task> fresh = fresh("b1");
    results.awaitLatest("the result equals a fresh query on node 2", result -> !result.hasPending()
        && result.rows().equals(fresh));
    ClientStats moved = client.stats();
    assertThat(moved.snapshots()).as("node 2 answered the resume with a reset snapshot").isEqualTo(2);
    assertThat(moved.resumes()).as("nothing resumed: node 2 keeps nothing of node 1's").isZero();

    // Then the subscription follows writes made on node 2, as deltas.
    LiveClient writer = client(List.of(uri(nodes.node2)), "writer");
    writer.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("Written on node 2")).join();
    writer.insert(ClientTestBase.newTask("x2", "b1", 201)).join();
    List<Task> after = fresh("b1");
    results.awaitLatest("the writes made on node 2", result -> result.rows().equals(after));
    ClientStats followed = client.stats();
    assertThat(followed.deltas()).as("deltas").isGreaterThan(moved.deltas());
    assertThat(followed.snapshots()).as("no further snapshot").isEqualTo(2);
  }

  @Test
  void aMutationWhoseAckDiedWithItsNodeIsAppliedOnceAndAnsweredOnTheOther() throws Exception {
    LiveClient client = client(List.of(via(nodes.proxy1), uri(nodes.node2)), "ack-lost");
    long start = nodes.store2.changes().latestVersion();
    // Node 1 commits the update, and its connection dies before the ack gets out; so does node 1.
    nodes.proxy1.refuse(true);
    nodes.proxy1.dropWhenServerSends("\"type\":\"ack\"");
    CompletableFuture<Task> update = client.update(Task_.COLLECTION, "t1", TaskUpdate.of().title("Exactly once"));
    nodes.proxy1.awaitTriggered(ClientTestBase.WAIT);
    nodes.stopNode1();

    assertThat(update.join().title()).as("answered by node 2 (a duplicate: it reads the row)").isEqualTo("Exactly once");
    assertThat(client.node()).isEqualTo(uri(nodes.node2));
    assertThat(nodes.store2.changes().readAfter(start, 1000)).as("the update committed once")
        .filteredOn(change -> change.id().equals("t1")).hasSize(1);
    assertThat(client.pendingMutations()).isZero();
  }

  @Test
  void whenItsNodeIsKilledTheClientMovesToTheOtherAndItsMutationAppliesOnce() throws Exception {
    try (ServerProcess killed = ServerProcess.start(FailoverNodeMain.class,
        List.of(nodes.database.jdbcUrl(), nodes.database.user(), nodes.database.password()), Duration.ofSeconds(60))) {
      LiveClient client = client(List.of(killed.uri("/live"), uri(nodes.node2)), "killed");
      assertThat(client.node()).isEqualTo(killed.uri("/live"));
      Results<Task> results = new Results<>();
      client.query(ClientTestBase.boardTasks("b1")).subscribe(results);
      results.await("the first result", result -> !result.rows().isEmpty());

      // Sent as the node dies: it may or may not have committed there; either way it applies once.
      CompletableFuture<Task> insert = client.insert(ClientTestBase.newTask("k1", "b1", 300));
      killed.process().destroyForcibly(); // SIGKILL: no close frame, no shutdown
      assertThat(killed.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(insert.join().id()).isEqualTo("k1");
      assertThat(client.node()).isEqualTo(uri(nodes.node2));
      assertThat(rowsWithId("k1")).as("the insert, applied once").isEqualTo(1);
      LiveClient writer = client(List.of(uri(nodes.node2)), "writer");
      writer.insert(ClientTestBase.newTask("k2", "b1", 301)).join();
      List<Task> fresh = fresh("b1");
      results.awaitLatest("the result equals a fresh query on node 2, with both inserts",
          result -> !result.hasPending() && result.rows().equals(fresh));
      assertThat(fresh).extracting(Task::id).contains("k1", "k2");
      assertThat(client.stats().snapshots()).as("a reset snapshot on node 2").isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void clientsGivenBothNodesSpreadOverThem() {
    // Each client shuffles the list for itself: all 30 on one node has a chance of 2 in 2^30.
    List<URI> both = List.of(via(nodes.proxy1), uri(nodes.node2));
    Map<URI, Long> perNode = new java.util.HashMap<>();
    for (int i = 0; i < 30; i++) {
      LiveClient client = track(LiveClient.connect(both, AppSchema.INSTANCE,
          ClientTestBase.options().clientId("spread-" + i).build()));
      perNode.merge(client.node(), 1L, Long::sum);
    }
    assertThat(perNode).as("clients per node").containsOnlyKeys(both);
  }

  @Test
  void aNodeListWhoseFirstNodeIsDownStillConnects() {
    nodes.proxy1.refuse(true); // node 1 as seen from the clients: down
    LiveClient listed = client(List.of(via(nodes.proxy1), uri(nodes.node2)), "first-down");
    assertThat(listed.node()).isEqualTo(uri(nodes.node2));
    assertThat(listed.state()).isEqualTo(ConnectionState.OPEN);
    assertThat(listed.query(ClientTestBase.boardTasks("b1")).get().join()).isNotEmpty();

    LiveClient shuffled = track(LiveClient.connect(List.of(via(nodes.proxy1), uri(nodes.node2)), AppSchema.INSTANCE,
        ClientTestBase.options().clientId("shuffled").build()));
    assertThat(shuffled.node()).isEqualTo(uri(nodes.node2));
  }

  /** A client on {@code nodes}, tried as listed, with quick heartbeats and reconnects. */
  private LiveClient client(List<URI> nodes, String clientId) {
    return track(LiveClient.connect(nodes, AppSchema.INSTANCE,
        ClientTestBase.options().clientId(clientId).shuffleNodes(false).build()));
  }

  private LiveClient track(LiveClient client) {
    clients.add(client);
    return client;
  }

  /** The tasks of {@code boardId} as a one-shot query on node 2 reads them now. */
  private List<Task> fresh(String boardId) {
    return client(List.of(uri(nodes.node2)), "fresh-" + System.nanoTime()).query(ClientTestBase.boardTasks(boardId)).get()
        .join();
  }

  private int rowsWithId(String id) throws SQLException {
    try (Connection connection = nodes.database.connect();
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM tasks WHERE id = ?")) {
      count.setString(1, id);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  private static URI uri(LiveServer server) {
    return URI.create("ws://127.0.0.1:" + server.port() + "/live");
  }

  private static URI via(FaultProxy proxy) {
    return URI.create("ws://127.0.0.1:" + proxy.port() + "/live");
  }
}
