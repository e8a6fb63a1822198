package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.examples.board.TaskUpdate;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that falls behind, and catches up within the write timeout, loses no state: the deltas
 * the server dropped for it come back as one reset snapshot.
 */
class LaggingConsumerTest extends ServerTestBase {
  private static final String B1 = "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":\"boardId\",\"value\":\"b1\"}}";
  private static final String BIG = "x".repeat(100_000);

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    // A long write timeout: the client must not be dropped while the test writes and does not read.
    return builder.options(ServerOptions.builder().maxQueuedBytes(256 * 1024).writeTimeout(Duration.ofSeconds(60)).build());
  }

  @Test
  void aClientThatFallsBehindGetsAResetSnapshotAndCatchesUp() throws Exception {
    try (RawSocketClient slow = RawSocketClient.connect(uri())) {
      slow.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}");
      slow.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"query\":" + B1 + "}");
      assertThat(slow.next()).contains("welcome");
      assertThat(slow.next()).contains("snapshot");
      // 20 MB in 200 deltas: more than the socket buffers hold, so the server's own queue overflows
      // and coalesces. Each write waits for its delta at a reading client, so that the engine does
      // not fold several writes into one delta.
      WsClient pace = client("pace");
      pace.subscribe("p", B1);
      for (int i = 0; i < 200; i++) {
        server.data().update("t2", TaskUpdate.of().title(BIG + i));
        String title = BIG + i;
        pace.next(m -> m.path("type").asText().equals("delta") && m.toString().contains(title + "\""));
      }
      // Reading again, within the write timeout: what was dropped comes back as one reset snapshot.
      boolean reset = false;
      String lastTitle = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && !lastTitle.endsWith("199")) {
        String message = slow.next();
        assertThat(message).as("the connection stays open").isNotNull();
        reset |= message.startsWith("{\"type\":\"snapshot\"") && message.contains("\"reset\":true");
        lastTitle = titleOfT2(message).orElse(lastTitle);
      }
      assertThat(reset).as("a reset snapshot replaced the dropped deltas").isTrue();
      assertThat(lastTitle).endsWith("199");
    }
  }

  private static java.util.Optional<String> titleOfT2(String message) {
    int at = message.indexOf("{\"id\":\"t2\"");
    if (at < 0) {
      return java.util.Optional.empty();
    }
    int title = message.indexOf("\"title\":\"", at) + 9;
    return java.util.Optional.of(message.substring(title, message.indexOf('"', title)));
  }

}
