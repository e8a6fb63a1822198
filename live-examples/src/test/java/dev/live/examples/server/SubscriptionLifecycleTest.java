package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions come and go independently: several on one connection, several clients at once,
 * unsubscribe ending the deltas, and subscriptions to equal queries sharing one maintained query.
 */
class SubscriptionLifecycleTest extends ServerTestBase {
  private static final String B1_TASKS = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}");
  private static final String TODO_TASKS = json("{'collection':'tasks','where':{'op':'eq','field':'status','value':'TODO'}}");

  @Test
  void twoSubscriptionsOnOneConnectionEachGetTheirOwnChanges() {
    WsClient ann = client("ann");
    ann.subscribe("board", B1_TASKS);
    ann.subscribe("todo", TODO_TASKS);
    awaitConverged(ann, "board", B1_TASKS, "t1", "t2", "t3");
    awaitConverged(ann, "todo", TODO_TASKS, "t2", "t4", "t5");

    update(ann, "tasks", "t2", "{'status':'DOING'}"); // stays on b1, leaves the TODO list
    update(ann, "tasks", "t4", "{'boardId':'b1'}"); // joins b1, stays TODO
    awaitConverged(ann, "board", B1_TASKS, "t1", "t2", "t3", "t4");
    awaitConverged(ann, "todo", TODO_TASKS, "t4", "t5");
    assertThat(changeOps(ann, "board")).containsExactly("update", "insert");
    assertThat(changeOps(ann, "todo")).containsExactly("remove", "update");
  }

  @Test
  void unsubscribeStopsTheDeltasOfThatSubscriptionOnly() {
    WsClient ann = client("ann");
    WsClient bob = client("bob");
    ann.subscribe("gone", B1_TASKS);
    ann.subscribe("kept", B1_TASKS);
    JsonNode reply = unsubscribe(ann, "gone");
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("unsubscribed");
    int before = ann.messagesOf("gone").size();

    update(bob, "tasks", "t1", "{'title':'First write after unsubscribe'}");
    ann.next(m -> m.path("id").asText().equals("kept") && m.path("type").asText().equals("delta"));
    // A second write: every delta of the first one was queued before this one's, on every subscription.
    update(bob, "tasks", "t2", "{'title':'Second write after unsubscribe'}");
    ann.next(m -> m.path("id").asText().equals("kept") && m.path("type").asText().equals("delta"));
    JsonNode pong = ann.request("p", json("{'type':'ping','id':'p'}"));
    assertThat(pong.path("type").asText()).isEqualTo("pong");

    assertThat(ann.messagesOf("gone")).as("messages of the closed subscription").hasSize(before);
    awaitConverged(ann, "kept", B1_TASKS, "t1", "t2", "t3");
  }

  @Test
  void unsubscribedIdCanBeSubscribedAgainWithAFreshSnapshot() {
    WsClient ann = client("ann");
    ann.subscribe("s", B1_TASKS);
    unsubscribe(ann, "s");
    update(ann, "tasks", "t4", "{'boardId':'b1'}");
    JsonNode snapshot = ann.subscribe("s", B1_TASKS);
    assertThat(snapshot.path("type").asText()).as("reply %s", snapshot).isEqualTo("snapshot");
    assertThat(snapshot.path("rows")).extracting(row -> row.path("id").asText()).containsExactly("t1", "t2", "t3", "t4");
  }

  @Test
  void unsubscribingAnIdThatIsNotOpenIsAnError() {
    WsClient ann = client("ann");
    JsonNode reply = unsubscribe(ann, "nope");
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).isEqualTo("PROTOCOL_VIOLATION");
  }

  @Test
  void subscribingTwiceWithTheSameIdIsRefusedAndKeepsTheFirst() {
    WsClient ann = client("ann");
    ann.subscribe("s", B1_TASKS);
    JsonNode reply = ann.subscribe("s", TODO_TASKS);
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).isEqualTo("PROTOCOL_VIOLATION");
    update(ann, "tasks", "t4", "{'boardId':'b1'}");
    awaitConverged(ann, "s", B1_TASKS, "t1", "t2", "t3", "t4");
  }

  @Test
  void fiveClientsWithEqualAndDifferentQueriesAllConverge() {
    List<WsClient> clients = new ArrayList<>();
    List<String> queries = List.of(B1_TASKS, B1_TASKS, TODO_TASKS, TODO_TASKS,
        json("{'collection':'tasks','orderBy':[{'field':'position','direction':'desc'}],'limit':2}"));
    for (int i = 0; i < 5; i++) {
      WsClient client = client("client-" + i);
      client.subscribe("s", queries.get(i));
      clients.add(client);
    }
    assertThat(server.queryCount()).as("equal queries share a node").isEqualTo(3);

    WsClient writer = clients.get(0);
    update(writer, "tasks", "t2", "{'status':'DOING','position':7}");
    insert(clients.get(3), "tasks", task("t9", "b1", "TODO", 9));
    update(clients.get(4), "tasks", "t4", "{'boardId':'b1'}");
    delete(writer, "tasks", "t5");

    List<String> expected = List.of("t1,t2,t3,t4,t9", "t1,t2,t3,t4,t9", "t4,t9", "t4,t9", "t9,t2");
    for (int i = 0; i < 5; i++) {
      awaitConverged(clients.get(i), "s", queries.get(i), expected.get(i).split(","));
    }
  }

  @Test
  void equalQueriesShareOneNodeUntilTheLastSubscriberLeaves() {
    WsClient ann = client("ann");
    WsClient bob = client("bob");
    ann.subscribe("a", B1_TASKS);
    // The same query with its members in another order is the same query.
    bob.subscribe("b", json("{'where':{'value':'b1','field':'boardId','op':'eq'},'collection':'tasks'}"));
    assertThat(server.queryCount()).isEqualTo(1);
    assertThat(server.subscriptionCount()).isEqualTo(2);

    bob.subscribe("other", TODO_TASKS);
    assertThat(server.queryCount()).isEqualTo(2);

    unsubscribe(ann, "a");
    assertThat(server.queryCount()).as("bob still holds the b1 query").isEqualTo(2);
    update(ann, "tasks", "t4", "{'boardId':'b1'}");
    awaitConverged(bob, "b", B1_TASKS, "t1", "t2", "t3", "t4");

    unsubscribe(bob, "b");
    assertThat(server.queryCount()).isEqualTo(1);
    bob.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(server.queryCount()).as("a closed connection's subscriptions end").isZero();
      assertThat(server.subscriptionCount()).isZero();
    });
  }

  /** Sends unsubscribe and returns its reply (not a delta that came before it). */
  private static JsonNode unsubscribe(WsClient client, String id) {
    client.send("{\"type\":\"unsubscribe\",\"id\":\"" + id + "\"}");
    return client.next(m -> m.path("id").asText().equals(id)
        && (m.path("type").asText().equals("unsubscribed") || m.path("type").asText().equals("error")));
  }

  /** The ops of every change in the deltas of {@code subscription}, in order. */
  private static List<String> changeOps(WsClient client, String subscription) {
    List<String> ops = new ArrayList<>();
    for (JsonNode message : client.messagesOf(subscription)) {
      if (message.path("type").asText().equals("delta")) {
        message.path("changes").forEach(change -> ops.add(change.path("op").asText()));
      }
    }
    return ops;
  }
}
