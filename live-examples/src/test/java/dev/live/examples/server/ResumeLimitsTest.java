package dev.live.examples.server;

import static dev.live.examples.server.ResumeTest.BOARD_1;
import static dev.live.examples.server.ResumeTest.resume;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The bounds of resuming: a client whose missed deltas exceed {@code resumeBufferBytes}, or who
 * comes back after {@code resumeRetention}, gets a reset snapshot equal to a fresh query.
 */
class ResumeLimitsTest extends ServerTestBase {
  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none()).options(ServerOptions.builder()
        .resumeBufferBytes(400) // a task delta is about 250 characters: two do not fit
        .resumeRetention(Duration.ofMillis(500))
        .build());
  }

  @Test
  void missedDeltasBeyondTheBufferGiveAReset() {
    WsClient first = client("big-gap");
    long version = first.subscribe("s1", BOARD_1).path("version").asLong();
    first.abort();
    WsClient writer = client("writer");
    insert(writer, "tasks", task("g1", "b1", "TODO", 60));
    insert(writer, "tasks", task("g2", "b1", "TODO", 61));
    insert(writer, "tasks", task("g3", "b1", "TODO", 62));

    WsClient second = client("big-gap");
    second.send(resume("s1", BOARD_1, version));
    JsonNode reply = second.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();
    assertThat(reply.path("rows")).containsExactlyElementsOf(fresh(BOARD_1));
  }

  @Test
  void theLastDeltaWithinTheBufferStillResumes() {
    WsClient first = client("small-gap");
    first.subscribe("s1", BOARD_1);
    WsClient writer = client("writer");
    insert(writer, "tasks", task("g4", "b1", "TODO", 63));
    // Two deltas, not one: a change tail that reads both commits at once sends them together, and
    // that delta alone would not fit in the buffer (seen on a loaded CI machine).
    first.next(m -> m.path("type").asText().equals("delta") && m.path("changes").toString().contains("g4"));
    insert(writer, "tasks", task("g5", "b1", "TODO", 64));
    JsonNode second = first.next(m -> m.path("type").asText().equals("delta")
        && m.path("changes").toString().contains("g5"));
    long held = second.path("from").asLong(); // the client missed the last delta only
    first.abort();

    WsClient next = client("small-gap");
    next.send(resume("s1", BOARD_1, held));
    JsonNode reply = next.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("resumed");
    JsonNode delta = next.next(m -> m.path("type").asText().equals("delta"));
    assertThat(delta.path("from").asLong()).isEqualTo(held);
    assertThat(delta.path("changes").toString()).contains("g5");
  }

  @Test
  void aClientBackAfterTheRetentionGetsAReset() throws InterruptedException {
    WsClient first = client("late");
    long version = first.subscribe("s1", BOARD_1).path("version").asLong();
    first.abort();
    Thread.sleep(2_000); // past the 500 ms retention and the once-a-second sweep that ends it

    WsClient second = client("late");
    second.send(resume("s1", BOARD_1, version));
    JsonNode reply = second.next(m -> m.path("id").asText().equals("s1"));
    assertThat(reply.path("type").asText()).as("reply: %s", reply).isEqualTo("snapshot");
    assertThat(reply.path("reset").asBoolean()).isTrue();
  }
}
