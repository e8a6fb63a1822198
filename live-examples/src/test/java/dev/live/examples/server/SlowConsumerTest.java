package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.examples.board.TaskUpdate;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading never makes the server's memory grow: it is disconnected after the
 * write timeout, and other clients are served all along. (One that catches up in time gets a reset
 * snapshot: {@link LaggingConsumerTest}.)
 */
class SlowConsumerTest extends ServerTestBase {
  private static final String B1 = "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":\"boardId\",\"value\":\"b1\"}}";
  private static final String BIG = "x".repeat(100_000);

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.options(ServerOptions.builder().maxQueuedBytes(256 * 1024).writeTimeout(Duration.ofSeconds(2)).build());
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAfterTheWriteTimeoutWhileOthersGetEveryChange() throws Exception {
    WsClient fast = client("fast");
    fast.subscribe("s1", B1);
    try (RawSocketClient slow = RawSocketClient.connect(uri())) {
      slow.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}");
      slow.send("{\"type\":\"subscribe\",\"id\":\"s1\",\"query\":" + B1 + "}");
      assertThat(slow.next()).contains("welcome");
      assertThat(slow.next()).contains("snapshot");
      // It reads nothing more. Deltas fill the socket buffers, then the server's queue; while the
      // queue is over its bound the server drops the slow client's deltas (coalescing), so how
      // much reaches the socket varies: writes go on until a send blocks and times out.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 0; i < 2_000 && server.connectionCount() > 1 && System.nanoTime() < deadline; i++) {
        server.data().update("t2", TaskUpdate.of().title(BIG + i));
        if (i >= 150) {
          TimeUnit.MILLISECONDS.sleep(20); // past the first 15 MB, a steady trickle
        }
      }
      // The server sees only the fast client once it has dropped the one that stopped reading.
      await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 1);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(ReplayedResult.of(fast, "s1").rows()).isEqualTo(fresh(B1)));
  }

}
