package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.BoardRooms;
import dev.live.server.LiveServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Observability: the stats endpoint answers only callers its check lets in, and its figures
 * follow the traffic (connections, subscriptions, rooms, message and mutation rates, processing
 * time); the same figures reach a Micrometer registry.
 */
class StatsTest extends ServerTestBase {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .authenticate(handshake -> handshake.header("X-User").map(user -> user.equals("ops")
            ? AuthContext.user(user, "OPS") : AuthContext.user(user)).orElse(AuthContext.anonymous()))
        .rooms(BoardRooms.board(dev.live.room.RoomRule.anyone()))
        .stats(auth -> auth.hasRole("OPS"))
        .metrics(registry);
  }

  @Test
  void statsAreForTheCallersTheCheckLetsIn() throws Exception {
    assertThat(get("/stats", null).statusCode()).isEqualTo(403);
    HttpResponse<String> member = get("/stats", "ann");
    assertThat(member.statusCode()).isEqualTo(403);
    assertThat(WsClient.JSON.readTree(member.body()).path("error").path("code").asText()).as(member.body()).isEqualTo("FORBIDDEN");
    assertThat(get("/stats", "ops").statusCode()).isEqualTo(200);
  }

  @Test
  void theFiguresFollowTheTraffic() throws Exception {
    WsClient ann = track(WsClient.connect(uri(), Map.of("X-User", "ann")));
    ann.hello("ann-client");
    ann.subscribe("s1", json("{'collection':'tasks'}"));
    ann.request("j1", "{\"type\":\"join\",\"id\":\"j1\",\"room\":\"board:b1\",\"presence\":{\"name\":\"Ann\",\"typing\":false}}");
    for (int i = 1; i <= 5; i++) {
      ann.mutate(i, "update", "tasks", "\"t1\"", "{\"title\":\"Stats " + i + "\"}");
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode stats = WsClient.JSON.readTree(get("/stats", "ops").body());
      assertThat(stats.path("connections").asInt()).as("%s", stats).isEqualTo(1);
      assertThat(stats.path("subscriptions").asInt()).isEqualTo(1);
      assertThat(stats.path("queryNodes").asInt()).isEqualTo(1);
      assertThat(stats.path("engine").path("heldRows").asInt()).as("%s", stats).isEqualTo(5);
      assertThat(stats.path("engine").path("pendingNodes").asInt()).isZero();
      assertThat(stats.path("rooms").asInt()).isEqualTo(1);
      assertThat(stats.path("mutationsPerSecond").asDouble()).as("%s", stats).isGreaterThan(0);
      assertThat(stats.path("messagesInPerSecond").asDouble()).isGreaterThan(0);
      assertThat(stats.path("messagesOutPerSecond").asDouble()).isGreaterThan(0);
      assertThat(stats.path("processingMicros").path("p99").asLong()).isGreaterThan(0);
    });
    assertThat(registry.get("live.connections").gauge().value()).isEqualTo(1);
    assertThat(registry.get("live.mutations").functionCounter().count()).isEqualTo(5);
    assertThat(registry.get("live.messages.in").functionCounter().count()).isGreaterThanOrEqualTo(8);
    assertThat(registry.get("live.rooms").gauge().value()).isEqualTo(1);
    assertThat(registry.get("live.engine.pending").gauge().value()).isZero();
    assertThat(registry.get("live.engine.deferrals").functionCounter().count()).isZero();
  }

  @Test
  void theHeapAfterACollectionIsThereForOperators() throws Exception {
    System.gc(); // the server runs in this JVM: its pools then have a collection to report
    JsonNode heap = WsClient.JSON.readTree(get("/stats", "ops").body()).path("heap");
    assertThat(heap.path("maxBytes").asLong()).as("%s", heap)
        .isEqualTo(java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    assertThat(heap.path("afterGcBytes").asLong()).as("%s", heap).isPositive()
        .isLessThanOrEqualTo(heap.path("maxBytes").asLong());
    assertThat(heap.path("usedBytes").asLong()).as("%s", heap).isPositive();
  }

  private HttpResponse<String> get(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/live" + path))
        .timeout(Duration.ofSeconds(10)).GET();
    if (user != null) {
      request.header("X-User", user);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
