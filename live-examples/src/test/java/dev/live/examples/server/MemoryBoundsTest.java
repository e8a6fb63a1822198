package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server-wide memory bounds: rows the live queries hold (a new query is refused beyond them),
 * subscriptions in total (those kept for dropped clients are ended
 * first, oldest first, then a subscribe is refused with {@code LIMIT_EXCEEDED}), and the
 * characters held for all clients together, which resume logs and outbound queues stay within,
 * what dropped clients left going first, while a connected client still converges; resume logs
 * fill at most half of them.
 */
class MemoryBoundsTest extends ServerTestBase {
  private static final int MAX_SUBSCRIPTIONS = 4;
  private static final int MAX_MESSAGE = 16 * 1024;
  private static final long BUFFERS = 64 * 1024;
  private static final String BOARD_1 = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}");

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none()).stats(auth -> true).options(ServerOptions.builder()
        .maxSubscriptionsTotal(MAX_SUBSCRIPTIONS)
        .maxMessageBytes(MAX_MESSAGE)
        .clientBufferBytes(BUFFERS)
        .maxHeldRows(3) // board b1's three tasks: one query of them is all the engine may take on
        .build());
  }

  @Test
  void subscriptionsOverTheServerTotalEndTheOldestKeptOnesFirstThenAreRefused() {
    WsClient dropped = client("dropped");
    dropped.subscribe("d1", BOARD_1);
    dropped.subscribe("d2", BOARD_1);
    dropped.abort();
    await().atMost(Duration.ofSeconds(10)).until(() -> stats().path("parkedSubscriptions").asInt() == 2);

    WsClient active = client("active");
    for (int i = 1; i <= MAX_SUBSCRIPTIONS; i++) {
      JsonNode snapshot = active.subscribe("a" + i, BOARD_1);
      assertThat(snapshot.path("type").asText()).as("subscription %d: %s", i, snapshot).isEqualTo("snapshot");
    }
    assertThat(stats().path("parkedSubscriptions").asInt()).as("the dropped client's went").isZero();
    JsonNode refused = active.request("a5", "{\"type\":\"subscribe\",\"id\":\"a5\",\"query\":" + BOARD_1 + "}");
    assertThat(refused.path("error").path("code").asText()).as("%s", refused).isEqualTo("LIMIT_EXCEEDED");
    assertThat(server.subscriptionCount()).isEqualTo(MAX_SUBSCRIPTIONS);
  }

  @Test
  void aNewQueryIsRefusedOnceTheQueriesHoldTheirRowsAndFollowedOnesStillAreServed() {
    WsClient first = client("first");
    assertThat(first.subscribe("b1", BOARD_1).path("rows")).as("b1's tasks, all the engine may hold").hasSize(3);
    JsonNode refused = first.request("b2", "{\"type\":\"subscribe\",\"id\":\"b2\",\"query\":"
        + json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b2'}}") + "}");
    assertThat(refused.path("error").path("code").asText()).as("%s", refused).isEqualTo("LIMIT_EXCEEDED");
    assertThat(refused.path("error").path("message").asText()).contains("hold 3 rows");
    WsClient second = client("second");
    assertThat(second.subscribe("b1", BOARD_1).path("type").asText()).as("a query already followed").isEqualTo("snapshot");
  }

  @Test
  void theClientBuffersStayWithinTheirLimitAndAConnectedClientConverges() {
    for (int i = 0; i < 5; i++) {
      WsClient dropped = client("dropped" + i);
      dropped.subscribe("s", BOARD_1);
      dropped.abort(); // parked, its deltas kept for it to resume
    }
    WsClient bystander = client("bystander");
    bystander.subscribe("b", BOARD_1);
    WsClient writer = client("writer");
    String last = null;
    List<Long> held = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      last = "x" + i + "-" + "y".repeat(8 * 1024); // five parked logs of 20 of these: 800 K characters
      update(writer, "tasks", "t1", "{'title':'" + last + "'}");
      held.add(stats().path("clientBuffers").path("heldChars").asLong());
    }
    // Within the limit, give or take the text being charged when it was read.
    assertThat(held).allSatisfy(chars -> assertThat(chars).isLessThanOrEqualTo(BUFFERS + 2 * MAX_MESSAGE));
    awaitConverged(bystander, "b", BOARD_1, fresh(BOARD_1).stream().map(row -> row.path("id").asText())
        .toArray(String[]::new));
    String title = last;
    assertThat(fresh(BOARD_1)).anySatisfy(row -> assertThat(row.path("title").asText()).isEqualTo(title));
  }

  @Test
  void droppedClientsResumeLogsFillAtMostHalfTheBuffersAndAConnectedClientGetsEveryDelta() {
    for (int i = 0; i < 5; i++) {
      WsClient dropped = client("dropped" + i);
      dropped.subscribe("s", BOARD_1);
      dropped.abort();
    }
    WsClient bystander = client("bystander");
    bystander.subscribe("b", BOARD_1);
    WsClient writer = client("writer");
    int delta = 0;
    long most = 0;
    for (int i = 0; i < 20; i++) {
      String title = "x" + i + "-" + "y".repeat(8 * 1024);
      delta = title.length() + 300; // the delta's text: the row, with this title, and its envelope
      update(writer, "tasks", "t1", "{'title':'" + title + "'}");
      most = Math.max(most, stats().path("clientBuffers").path("heldChars").asLong());
      // The bystander reads each delta before the next write: its queue holds one at a time, as a
      // client keeping up does, so only the logs could crowd its frames out (a starved reader on a
      // loaded machine would otherwise let four deltas pile up in the half left to it).
      int received = 2 + i;
      await().atMost(Duration.ofSeconds(10)).until(() -> bystander.messagesOf("b").size() >= received);
    }
    // Half for the logs, give or take the delta being added when the stats were read; the rest
    // stays free for connected clients, whose frames are then never dropped for a reset.
    assertThat(most).as("the most held while the logs filled").isLessThanOrEqualTo(BUFFERS / 2 + 2L * delta);
    int written = 20;
    await().atMost(Duration.ofSeconds(10)).until(() -> bystander.messagesOf("b").size() == 1 + written);
    assertThat(bystander.messagesOf("b")).as("the bystander's snapshot, then a delta per write, no reset")
        .allSatisfy(message -> assertThat(message.path("reset").asBoolean()).isFalse())
        .filteredOn(message -> message.path("type").asText().equals("delta")).hasSize(written);
  }

  private JsonNode stats() {
    HttpResponse<String> response = HttpCalls.get(server, "/stats");
    assertThat(response.statusCode()).isEqualTo(200);
    return HttpCalls.json(response);
  }
}
