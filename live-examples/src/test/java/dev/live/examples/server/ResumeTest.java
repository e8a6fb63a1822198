package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Resuming a subscription on a new connection ({@code docs/protocol.md}, "Resuming"): the client
 * names the version it holds, and gets the deltas it missed (gap-fill) with no snapshot, or,
 * when the server cannot fill the gap, a reset snapshot; either way its result then equals a
 * fresh query.
 */
class ResumeTest extends ServerTestBase {
  static final String BOARD_1 = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'},"
      + "'orderBy':[{'field':'position'}]}");
  static final String BOARD_2 = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b2'}}");

  @Test
  void aDroppedConnectionResumesWithTheMissedDeltasAndNoSnapshot() {
    WsClient first = client("resumer");
    JsonNode snapshot = first.subscribe("s1", BOARD_1);
    long version = snapshot.path("version").asLong();
    first.abort();

    WsClient writer = client("writer");
    insert(writer, "tasks", task("r1", "b1", "TODO", 50));
    update(writer, "tasks", "r1", "{'title':'renamed'}");
    insert(writer, "tasks", task("r2", "b2", "TODO", 51)); // another board: not in the result

    WsClient second = client("resumer");
    second.send(resume("s1", BOARD_1, version));
    JsonNode resumed = second.next(m -> m.path("id").asText().equals("s1"));
    assertThat(resumed.path("type").asText()).as("first reply: %s", resumed).isEqualTo("resumed");
    assertThat(resumed.path("version").asLong()).isEqualTo(version);

    List<JsonNode> fresh = fresh(BOARD_1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(replay(snapshot, second, "s1").rows()).isEqualTo(fresh));
    assertThat(fresh).extracting(row -> row.path("id").asText()).contains("r1").doesNotContain("r2");
    assertThat(second.messagesOf("s1")).extracting(m -> m.path("type").asText()).doesNotContain("snapshot");
  }

  @Test
  void aResumedSubscriptionKeepsFollowingChanges() {
    WsClient first = client("follower");
    JsonNode snapshot = first.subscribe("s1", BOARD_1);
    first.abort();

    WsClient second = client("follower");
    second.send(resume("s1", BOARD_1, snapshot.path("version").asLong()));
    assertThat(second.next(m -> m.path("id").asText().equals("s1")).path("type").asText()).isEqualTo("resumed");
    insert(client("writer"), "tasks", task("r3", "b1", "TODO", 52));
    List<JsonNode> fresh = fresh(BOARD_1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(replay(snapshot, second, "s1").rows()).isEqualTo(fresh));
  }

  @Test
  void theSameClientReconnectingBeforeTheServerNoticedTheDropStillResumes() {
    WsClient first = client("half-open");
    JsonNode snapshot = first.subscribe("s1", BOARD_1);
    // No abort: the old connection is still open as far as the server knows; hello takes it over.
    WsClient second = client("half-open");
    insert(client("writer"), "tasks", task("r4", "b1", "TODO", 53));
    second.send(resume("s1", BOARD_1, snapshot.path("version").asLong()));
    assertThat(second.next(m -> m.path("id").asText().equals("s1")).path("type").asText()).isEqualTo("resumed");
    List<JsonNode> fresh = fresh(BOARD_1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(replay(snapshot, second, "s1").rows()).isEqualTo(fresh));
  }

  @Test
  void aResumeOfAnotherQueryUnderTheSameIdGetsAResetSnapshotOfTheNewQuery() {
    WsClient first = client("switcher");
    long version = first.subscribe("s1", BOARD_1).path("version").asLong();
    first.abort();

    WsClient second = client("switcher");
    second.send(resume("s1", BOARD_2, version));
    JsonNode reply = second.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();
    assertThat(reply.path("rows")).containsExactlyElementsOf(fresh(BOARD_2));
  }

  @Test
  void aResumeFromAVersionTheSubscriptionNeverHadGetsAReset() {
    WsClient first = client("time-traveller");
    long version = first.subscribe("s1", BOARD_1).path("version").asLong();
    first.abort();

    WsClient second = client("time-traveller");
    second.send(resume("s1", BOARD_1, version + 1000));
    JsonNode reply = second.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();
    assertThat(reply.path("rows")).containsExactlyElementsOf(fresh(BOARD_1));
  }

  @Test
  void anotherClientCannotResumeTheSubscription() {
    WsClient first = client("owner");
    long version = first.subscribe("s1", BOARD_1).path("version").asLong();
    first.abort();

    WsClient other = client("someone-else");
    other.send(resume("s1", BOARD_1, version));
    JsonNode reply = other.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();
  }

  @Test
  void aResumeWithoutAnyEarlierConnectionIsAResetAndANegativeVersionIsRefused() {
    WsClient client = client("newcomer");
    client.send(resume("s1", BOARD_1, 3));
    JsonNode reply = client.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();

    client.send(resume("s2", BOARD_1, -1));
    JsonNode error = client.next(m -> m.path("id").asText().equals("s2"));
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("error").path("code").asText()).isEqualTo("INVALID_VALUE");
  }

  static String resume(String id, String query, long version) {
    return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"query\":" + query + ",\"from\":" + version + "}";
  }

  /** The result of {@code snapshot} from an earlier connection, then {@code id}'s messages on {@code client}. */
  static ReplayedResult replay(JsonNode snapshot, WsClient client, String id) {
    ReplayedResult result = new ReplayedResult();
    result.apply(snapshot);
    for (JsonNode message : client.messagesOf(id)) {
      result.apply(message);
    }
    return result;
  }
}
