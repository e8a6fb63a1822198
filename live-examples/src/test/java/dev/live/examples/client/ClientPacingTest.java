package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.auth.Rules;
import dev.live.client.ConnectionState;
import dev.live.client.LiveClient;
import dev.live.examples.board.Task;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client keeps under the rate the server's welcome states: after a reconnect it sends its many
 * subscriptions and queued writes again paced, so none is refused and the connection is not
 * ended for going over the rate.
 */
class ClientPacingTest extends ClientTestBase {
  private static final int RATE = 20;

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .options(ServerOptions.builder().messagesPerSecond(RATE).messageBurst(RATE).build());
  }

  @Test
  void manySubscriptionsAndQueuedWritesComeBackPacedAndComplete() {
    LiveClient client = client(options().heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(10)).clientId("pacer").build());
    List<Results<Task>> results = new ArrayList<>();
    for (int i = 0; i < 2 * RATE; i++) {
      Results<Task> each = new Results<>();
      client.query(boardTasks("b1")).subscribe(each);
      results.add(each);
    }
    results.forEach(each -> each.await("first result", result -> !result.rows().isEmpty(), Duration.ofSeconds(30)));

    proxy.refuse(true);
    proxy.dropAll();
    await().atMost(WAIT).until(() -> client.state() == ConnectionState.RECONNECTING);
    List<CompletableFuture<Task>> inserts = new ArrayList<>();
    for (int i = 0; i < RATE; i++) {
      inserts.add(client.insert(newTask("p" + i, "b1", 100 + i)));
    }
    proxy.refuse(false);

    inserts.forEach(insert -> assertThat(insert.join().id()).startsWith("p"));
    List<Task> fresh = freshTasks("b1");
    results.forEach(each -> each.awaitLatest("every subscription sees the writes", result -> result.rows().equals(fresh)));
    assertThat(client.stats().connections()).as("no connection was ended for its rate").isEqualTo(2);
  }
}
