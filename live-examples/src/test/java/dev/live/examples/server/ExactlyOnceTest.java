package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.storage.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client's mutations apply exactly once and in order: a mutation is named by the client id and
 * its sequence number, a repeat is acknowledged as a duplicate without being applied again, on the
 * same connection or after reconnecting, and mutations sent back to back apply in the order sent.
 */
class ExactlyOnceTest extends ServerTestBase {

  @Test
  void sameMutationSentTwiceIsAppliedOnceAndAckedAsDuplicate() {
    long start = server.store().changes().latestVersion();
    WsClient ann = client("ann-laptop");
    String t9 = json(task("t9", "b1", "TODO", 9));
    JsonNode first = ann.mutate(1, "insert", "tasks", null, t9);
    JsonNode second = ann.mutate(1, "insert", "tasks", null, t9); // re-applied, it would be ALREADY_EXISTS
    assertThat(first.path("status").asText()).as("first ack %s", first).isEqualTo("applied");
    assertThat(second.path("status").asText()).as("second ack %s", second).isEqualTo("duplicate");
    assertThat(second.path("seq").asLong()).isEqualTo(1);
    assertThat(second.path("lastMutation").asLong()).isEqualTo(1);
    assertThat(changesSince(start)).containsExactly("INSERT tasks t9");
  }

  @Test
  void aSequenceNumberBelowTheLastAppliedIsADuplicateToo() {
    long start = server.store().changes().latestVersion();
    WsClient ann = client("ann-laptop");
    assertThat(ann.mutate(5, "update", "tasks", "\"t1\"", json("{'title':'Five'}")).path("status").asText())
        .isEqualTo("applied");
    JsonNode late = ann.mutate(3, "update", "tasks", "\"t1\"", json("{'title':'Three'}"));
    assertThat(late.path("status").asText()).as("ack %s", late).isEqualTo("duplicate");
    assertThat(late.path("lastMutation").asLong()).isEqualTo(5);
    assertThat(fresh(json("{'collection':'tasks','id':'t1'}")).get(0).path("title").asText()).isEqualTo("Five");
    assertThat(changesSince(start)).containsExactly("UPDATE tasks t1");
  }

  @Test
  void aRejectedMutationSentAgainAfterALaterOneAppliedGetsItsRejectionNotDuplicate() {
    WsClient ann = client("ann-phone");
    JsonNode rejected = ann.mutate(1, "insert", "tasks", null, json(task("t1", "b1", "TODO", 1))); // t1 exists
    assertThat(rejected.path("status").asText()).as("ack %s", rejected).isEqualTo("rejected");
    assertThat(ann.mutate(2, "update", "tasks", "\"t2\"", json("{'title':'Two'}")).path("status").asText())
        .isEqualTo("applied");
    ann.abort();

    // The ack of 1 was lost, as far as the client knows: it sends 1 and 2 again on a new connection.
    WsClient again = client("ann-phone");
    JsonNode first = again.mutate(1, "insert", "tasks", null, json(task("t1", "b1", "TODO", 1)));
    JsonNode second = again.mutate(2, "update", "tasks", "\"t2\"", json("{'title':'Two'}"));
    assertThat(first.path("status").asText()).as("ack %s", first).isEqualTo("rejected");
    assertThat(first.path("error").path("code").asText()).isEqualTo("ALREADY_EXISTS");
    assertThat(second.path("status").asText()).as("ack %s", second).isEqualTo("duplicate");
  }

  @Test
  void welcomeTellsTheLastAppliedMutationAndARetryAfterReconnectIsNotAppliedAgain() {
    long start = server.store().changes().latestVersion();
    WsClient first = client("phone-1");
    assertThat(first.mutate(1, "update", "tasks", "\"t1\"", json("{'title':'One'}")).path("status").asText())
        .isEqualTo("applied");
    assertThat(first.mutate(2, "insert", "tasks", null, json(task("t9", "b1", "TODO", 9))).path("status").asText())
        .isEqualTo("applied");
    first.close();

    WsClient again = track(WsClient.connect(uri()));
    JsonNode welcome = again.hello("phone-1");
    assertThat(welcome.path("lastMutation").asLong()).as("welcome %s", welcome).isEqualTo(2);
    JsonNode retry = again.mutate(2, "insert", "tasks", null, json(task("t9", "b1", "TODO", 9)));
    assertThat(retry.path("status").asText()).as("ack %s", retry).isEqualTo("duplicate");
    JsonNode next = again.mutate(3, "update", "tasks", "\"t9\"", json("{'status':'DOING'}"));
    assertThat(next.path("status").asText()).as("ack %s", next).isEqualTo("applied");
    assertThat(changesSince(start)).containsExactly("UPDATE tasks t1", "INSERT tasks t9", "UPDATE tasks t9");
  }

  @Test
  void connectingAgainWithTheSameClientIdClosesTheEarlierConnection() throws Exception {
    WsClient first = client("desktop-1");
    assertThat(first.mutate(1, "update", "tasks", "\"t1\"", json("{'title':'One'}")).path("status").asText())
        .isEqualTo("applied");
    WsClient second = client("desktop-1");
    assertThat(first.closed.get(10, TimeUnit.SECONDS)[0]).as("the earlier connection's close")
        .isEqualTo(1008);
    assertThat(second.mutate(2, "update", "tasks", "\"t1\"", json("{'title':'Two'}")).path("status").asText())
        .isEqualTo("applied");
    assertThat(server.lastMutation(dev.live.auth.AuthContext.anonymous(), "desktop-1")).isEqualTo(2);
  }

  @Test
  void aNewClientIdStartsWithNoMutationApplied() {
    client("someone-else").mutate(1, "update", "tasks", "\"t1\"", json("{'title':'Theirs'}"));
    WsClient newcomer = track(WsClient.connect(uri()));
    assertThat(newcomer.hello("brand-new").path("lastMutation").asLong()).isZero();
    assertThat(newcomer.mutate(1, "update", "tasks", "\"t2\"", json("{'title':'Mine'}")).path("status").asText())
        .as("sequence numbers belong to one client id").isEqualTo("applied");
  }

  @Test
  void mutationInFlightWhenTheConnectionDropsAppliesOnceWhenResent() {
    long start = server.store().changes().latestVersion();
    WsClient first = client("tablet-1");
    String insert = WsClient.mutation("m1", 1, "insert", "tasks", null, json(task("t9", "b1", "TODO", 9)));
    first.send(insert);
    first.abort(); // gone before reading the ack: the client cannot know whether it was applied

    WsClient again = track(WsClient.connect(uri()));
    long lastMutation = again.hello("tablet-1").path("lastMutation").asLong();
    assertThat(lastMutation).isBetween(0L, 1L);
    JsonNode ack = again.request("m1", insert);
    assertThat(ack.path("status").asText()).as("welcome said %s; ack %s", lastMutation, ack)
        .isEqualTo(lastMutation == 1 ? "duplicate" : "applied");
    assertThat(changesSince(start)).containsExactly("INSERT tasks t9");
  }

  @Test
  void mutationsSentWithoutWaitingApplyAndAreAckedInOrder() {
    WsClient ann = client("ann-fast");
    String query = json("{'collection':'tasks','id':'t1'}");
    ann.subscribe("s", query);
    int count = 50;
    for (int i = 1; i <= count; i++) {
      ann.send(WsClient.mutation("u" + i, i, "update", "tasks", "\"t1\"", "{\"position\":" + i + "}"));
    }
    long lastVersion = 0;
    for (int i = 1; i <= count; i++) {
      JsonNode ack = ann.next(m -> m.path("type").asText().equals("ack"));
      assertThat(ack.path("id").asText()).as("ack %d: %s", i, ack).isEqualTo("u" + i);
      assertThat(ack.path("seq").asInt()).isEqualTo(i);
      assertThat(ack.path("status").asText()).isEqualTo("applied");
      assertThat(ack.path("version").asLong()).as("versions grow with the order of the mutations")
          .isGreaterThan(lastVersion);
      lastVersion = ack.path("version").asLong();
    }
    List<JsonNode> rows = fresh(query);
    assertThat(rows.get(0).path("position").asInt()).isEqualTo(count);
    awaitConverged(ann, "s", rows, "t1");
    List<Integer> positions = new ArrayList<>();
    for (JsonNode message : ann.messagesOf("s")) {
      message.path("changes").forEach(change -> positions.add(change.path("row").path("position").asInt()));
    }
    assertThat(positions).as("positions the subscription saw").isSorted().doesNotHaveDuplicates().endsWith(count);
  }

  /** The changes committed after {@code version}, as "OPERATION collection id". */
  private List<String> changesSince(long version) {
    List<String> changes = new ArrayList<>();
    for (Change change : server.store().changes().readAfter(version, 1000)) {
      changes.add(change.operation() + " " + change.collection().name() + " " + change.id());
    }
    return changes;
  }
}
