package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Connections are bounded in total, per address and per user: an upgrade over a limit is refused
 * with 503 {@code TOO_MANY_CONNECTIONS} and {@code Retry-After} before it opens, a place freed by
 * a closed connection can be taken again, and the HTTP routes, health first, are answered at the
 * limit. Behind a trusted proxy the address comes from the configured header.
 */
class ConnectionLimitsTest extends ServerTestBase {
  private static final int TOTAL = 6;
  private static final int PER_ADDRESS = 4;
  private static final int PER_USER = 2;

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(ServerTestBase::bearerUser)
        .rules(Rules.none())
        .options(ServerOptions.builder()
            .maxConnections(TOTAL)
            .maxConnectionsPerAddress(PER_ADDRESS)
            .maxConnectionsPerUser(PER_USER)
            .clientAddressHeader("X-Forwarded-For")
            .build());
  }

  @Test
  void connectionsOverTheAddressLimitAreRefusedWith503UntilOneCloses() {
    WsClient first = null;
    for (int i = 0; i < PER_ADDRESS; i++) {
      WsClient client = connectFrom("10.0.0.1", null);
      first = first == null ? client : first;
    }
    assertRefused(from("10.0.0.1"), "address");
    assertThat(server.connectionCount()).isEqualTo(PER_ADDRESS);
    connectFrom("10.0.0.2", null); // another address has places of its own
    first.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == PER_ADDRESS);
    connectFrom("10.0.0.1", null);
  }

  @Test
  void aUserHasAtMostItsLimitAcrossAddresses() {
    connectFrom("10.0.0.1", "ann");
    connectFrom("10.0.0.2", "ann");
    assertRefused(withUser(from("10.0.0.3"), "ann"), "user");
    connectFrom("10.0.0.3", "bob");
  }

  @Test
  void theServerTotalIsKeptAndHealthIsAnsweredAtIt() {
    for (int i = 0; i < TOTAL; i++) {
      connectFrom("10.0.1." + i, null);
    }
    assertRefused(from("10.0.2.1"), "server");
    HttpResponse<String> health = HttpCalls.get(server, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"connections\":" + TOTAL);
  }

  @Test
  void onlyTheLastAddressOfTheProxyHeaderCounts() {
    // A client may put anything before the address the proxy appends.
    for (int i = 0; i < PER_ADDRESS; i++) {
      connectWith(Map.of("X-Forwarded-For", "192.168.0." + i + ", 10.0.0.9"));
    }
    assertRefused(Map.of("X-Forwarded-For", "192.168.1.1, 10.0.0.9"), "address");
  }

  private WsClient connectFrom(String address, String user) {
    return connectWith(user == null ? from(address) : withUser(from(address), user));
  }

  private WsClient connectWith(Map<String, String> headers) {
    WsClient client = track(WsClient.connect(uri(), headers));
    client.hello(null);
    return client;
  }

  private static Map<String, String> from(String address) {
    return Map.of("X-Forwarded-For", address);
  }

  private static Map<String, String> withUser(Map<String, String> headers, String user) {
    Map<String, String> all = new HashMap<>(headers);
    all.put("Authorization", "Bearer " + user);
    return all;
  }

  private void assertRefused(Map<String, String> headers, String limit) {
    Throwable refused = catchThrowable(() -> track(WsClient.connect(uri(), headers)));
    Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
    assertThat(cause).as("the upgrade over the %s limit", limit).isInstanceOf(WebSocketHandshakeException.class);
    HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    JsonNode error;
    try {
      error = WsClient.JSON.readTree(String.valueOf(response.body())).path("error");
    } catch (IOException e) {
      throw new AssertionError("the 503 body is not JSON: " + response.body(), e);
    }
    assertThat(error.path("code").asText()).isEqualTo("TOO_MANY_CONNECTIONS");
    assertThat(error.path("message").asText()).contains(limit.equals("server") ? "the server has" : limit);
  }
}
