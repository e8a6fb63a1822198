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
import dev.live.storage.Database;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, as two nodes behind a load balancer: a mutation sent to
 * one reaches a subscriber connected to the other through the change log, woken by NOTIFY. Their
 * tails poll once a minute, so only the wake-up explains a delta within seconds. Each server
 * opens its store on a {@link Database} of its own and closes both when it stops. Skipped without
 * PostgreSQL, except in CI (see {@link Backend}).
 */
class CrossNodeDeliveryTest {
  private static final String B1_TASKS = "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":\"boardId\",\"value\":\"b1\"}}";
  private static final Duration WELL_BEFORE_THE_POLL = Duration.ofSeconds(5);

  private TestDatabase database;
  private LiveServer nodeA;
  private LiveServer nodeB;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeEach
  void startTwoNodes() {
    database = Backend.POSTGRESQL.create();
    StoreOptions slowPoll = StoreOptions.builder().tailPollInterval(Duration.ofMinutes(1)).build();
    nodeA = start(database.database(), slowPoll);
    nodeB = start(Database.postgres(database.jdbcUrl(), database.user(), database.password()), slowPoll);
    BoardData.seed(nodeA.store());
  }

  @AfterEach
  void stopNodes() {
    clients.forEach(WsClient::close);
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void aMutationSentToOneNodeReachesASubscriberOfTheOtherWellBeforeThePoll() {
    WsClient ann = client(nodeA, "ann");
    WsClient bob = client(nodeB, "bob");
    ann.subscribe("s1", B1_TASKS);
    assertThat(ReplayedResult.of(ann, "s1").ids()).containsExactly("t1", "t2", "t3");

    JsonNode ack = bob.mutate("insert", "tasks", null, LiveQueryTest.task("t9", "b1", "TODO", 9));
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
    await().atMost(WELL_BEFORE_THE_POLL).untilAsserted(() ->
        assertThat(ReplayedResult.of(ann, "s1").ids()).containsExactly("t1", "t2", "t3", "t9"));

    // And back: a subscriber of node B sees node A's writes the same way.
    bob.subscribe("s2", B1_TASKS);
    JsonNode moved = ann.mutate("update", "tasks", "\"t2\"", "{\"boardId\":\"b2\"}");
    assertThat(moved.path("status").asText()).as("ack %s", moved).isEqualTo("applied");
    await().atMost(WELL_BEFORE_THE_POLL).untilAsserted(() ->
        assertThat(ReplayedResult.of(bob, "s2").ids()).containsExactly("t1", "t3", "t9"));
  }

  @Test
  void stoppingANodeStopsItsWakeUpThreads() {
    WsClient ann = client(nodeA, "ann");
    ann.subscribe("s1", B1_TASKS);
    assertThat(ann.mutate("update", "tasks", "\"t2\"", "{\"boardId\":\"b2\"}").path("status").asText())
        .isEqualTo("applied");
    await().atMost(Duration.ofSeconds(10)).until(() -> nodeA.store().changes().wakeups().orElseThrow().listening()
        && nodeA.store().changes().wakeups().orElseThrow().notifiesSent() >= 1);
    String node = nodeA.store().changes().wakeups().orElseThrow().listenerName().split(" ")[1];
    assertThat(threadsOf(node)).hasSize(2);

    nodeA.close();

    assertThat(threadsOf(node)).as("the server's close closes its store, which ends them").isEmpty();
  }

  private static LiveServer start(Database database, StoreOptions options) {
    return LiveServer.builder().schema(AppSchema.INSTANCE).database(database).storeOptions(options)
        .rules(Rules.none()).host("127.0.0.1").port(0).start();
  }

  private WsClient client(LiveServer server, String clientId) {
    WsClient client = WsClient.open(URI.create("ws://127.0.0.1:" + server.port() + "/live"), clientId);
    clients.add(client);
    return client;
  }

  private static List<String> threadsOf(String node) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.endsWith("-" + node)).toList();
  }
}
