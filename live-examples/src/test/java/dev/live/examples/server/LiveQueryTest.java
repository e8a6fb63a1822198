package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Live-state scenarios: a subscription's result follows every write, whoever makes it. */
class LiveQueryTest extends ServerTestBase {
  private static final String B1_TASKS = "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":\"boardId\",\"value\":\"b1\"}}";

  @Test
  void snapshotHoldsTheMatchingRowsInIdOrder() {
    WsClient ann = client("ann");
    JsonNode snapshot = ann.subscribe("s1", B1_TASKS);
    assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
    assertThat(ReplayedResult.of(ann, "s1").ids()).containsExactly("t1", "t2", "t3");
  }

  @Test
  void insertedRowThatMatchesArrivesAsAnInsert() {
    WsClient ann = client("ann");
    ann.subscribe("s1", B1_TASKS);
    JsonNode ack = ann.mutate("insert", "tasks", null, task("t9", "b1", "TODO", 9));
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
    awaitIds(ann, "s1", "t1", "t2", "t3", "t9");
    assertThat(ReplayedResult.of(ann, "s1").rows()).isEqualTo(fresh(B1_TASKS));
  }

  @Test
  void rowMovingOutOfTheFilterBecomesARemoveWithTheIdOnly() {
    WsClient ann = client("ann");
    ann.subscribe("s1", B1_TASKS);
    JsonNode ack = ann.mutate("update", "tasks", "\"t2\"", "{\"boardId\":\"b2\"}");
    assertThat(ack.path("status").asText()).as("ack %s", ack).isEqualTo("applied");
    JsonNode delta = ann.next(m -> m.path("type").asText().equals("delta"));
    assertThat(delta.path("changes")).hasSize(1);
    assertThat(delta.path("changes").get(0).toString()).isEqualTo("{\"op\":\"remove\",\"id\":\"t2\"}");
    awaitIds(ann, "s1", "t1", "t3");
  }

  @Test
  void writesThroughTheServerDataApiReachSubscribers() {
    WsClient ann = client("ann");
    ann.subscribe("s1", B1_TASKS);
    server.data().delete(dev.live.examples.board.Task_.COLLECTION, "t2");
    awaitIds(ann, "s1", "t1", "t3");
  }

  static String task(String id, String board, String status, int position) {
    return "{\"id\":\"" + id + "\",\"boardId\":\"" + board + "\",\"title\":\"Task " + id + "\",\"status\":\"" + status
        + "\",\"assigneeId\":null,\"due\":null,\"position\":" + position
        + ",\"estimate\":1.0,\"revision\":1,\"labels\":[],\"checklist\":null}";
  }

  static void awaitIds(WsClient client, String subscription, String... ids) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ReplayedResult.of(client, subscription).ids()).containsExactly(ids));
  }
}
