package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP routes have the WebSocket's limits: a request takes a token from its sender's shared
 * bucket (its user's, or its address's when anonymous), refused with 429 {@code RATE_LIMITED} and
 * {@code Retry-After}; a listed origin is required of requests that carry one. Requests that trickle
 * their headers or body lose their connection, and requests that keep failing close their connection.
 */
class HttpLimitsTest extends ServerTestBase {
  private static final int BURST = 5;
  private static final String APP = "https://app.example.com";
  private static final String B1_TASKS = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}");

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(ServerTestBase::bearerUser)
        .rules(Rules.none())
        .options(ServerOptions.builder()
            .addressMessagesPerSecond(1)
            .addressMessageBurst(BURST)
            .userMessagesPerSecond(1)
            .userMessageBurst(BURST)
            .allowedOrigins(APP)
            .rateLimitStrikes(3)
            .requestHeaderTimeout(Duration.ofMillis(500))
            .minRequestDataRate(1024)
            .build());
  }

  @Test
  void anAnonymousFloodOfOneAddressIsRefusedWith429AndRetryAfter() {
    int ok = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 3 * BURST && refused == null; i++) {
      HttpResponse<String> response = post("/query", null, Map.of(), B1_TASKS);
      if (response.statusCode() == 200) {
        ok++;
      } else {
        refused = response;
      }
    }
    assertThat(ok).as("the burst, and maybe a token that came back meanwhile").isBetween(BURST, BURST + 2);
    assertThat(refused).isNotNull();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(error(refused).path("code").asText()).isEqualTo("RATE_LIMITED");
  }

  @Test
  void aUsersHttpRequestsAndWebSocketMessagesShareOneBucket() {
    WsClient socket = track(WsClient.connect(uri(), Map.of("Authorization", "Bearer ann", "Origin", APP)));
    socket.hello(null); // the hello passes without a token
    for (int i = 0; i < BURST; i++) {
      socket.request("p" + i, "{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
    }
    HttpResponse<String> response = post("/query", "Bearer ann", Map.of(), B1_TASKS);
    assertThat(response.statusCode()).as("the WebSocket spent the user's burst: %s", response.body()).isEqualTo(429);
    assertThat(post("/query", "Bearer bob", Map.of(), B1_TASKS).statusCode()).as("another user").isEqualTo(200);
  }

  @Test
  void anUnlistedOriginIsRefusedAndNoOriginPasses() {
    HttpResponse<String> refused = post("/query", null, Map.of("Origin", "https://evil.example.com"), B1_TASKS);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(error(refused).path("code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
    assertThat(post("/query", null, Map.of("Origin", APP), B1_TASKS).statusCode()).isEqualTo(200);
    assertThat(post("/query", null, Map.of(), B1_TASKS).statusCode()).as("a program, not a page").isEqualTo(200);
  }

  @Test
  void headersTrickledPastTheDeadlineLoseTheirConnection() throws IOException {
    // One header line every 200 ms, each well within Jetty's idle timeout.
    assertTrickleIsCutOff("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: 1\r\n", 200);
  }

  @Test
  void aBodyTrickledBelowTheMinimumRateLosesItsConnection() throws IOException {
    // One byte every 100 ms: 10 bytes per second, far below the 1,024 required.
    assertTrickleIsCutOff("POST /live/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 10000\r\n\r\n{", " ", 100);
  }

  /**
   * Sends {@code start}, then {@code piece} every {@code everyMillis} (at most 40 times), and checks
   * that the server closes the connection within a few seconds, long before the trickle would end.
   */
  private void assertTrickleIsCutOff(String start, String piece, long everyMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(start.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long began = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        try {
          Thread.sleep(everyMillis);
          out.write(piece.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          closed = closedByServer(socket);
        } catch (IOException e) {
          closed = true; // the write found the connection reset
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      assertThat(closed).as("the server closed the trickling request").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(4));
    }
  }

  /** Whether the server closed the connection: a read finds its end (or a reset) at once. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void aConnectionWhoseRequestsKeepFailingIsClosed() {
    WsClient client = track(WsClient.connect(uri(), Map.of("Origin", APP)));
    client.hello(null);
    int sent = 0;
    // Within the burst of 5: the fourth failure is the one strike too many, before any rate refusal.
    while (!client.closed.isDone() && sent < 4) {
      client.trySend("{\"type\":\"unsubscribe\",\"id\":\"none" + sent + "\"}",
          Duration.ofSeconds(5));
      sent++;
    }
    await().atMost(Duration.ofSeconds(10)).until(client.closed::isDone);
    assertThat(client.closed.join()[0]).isEqualTo(1008);
    assertThat(client.closeReason.join()).contains("refused or failed");
  }

  private HttpResponse<String> post(String path, String authorization, Map<String, String> headers, String body) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    if (authorization != null) {
      all.put("Authorization", authorization);
    }
    return HttpCalls.post(server, path, all, body);
  }

  private static JsonNode error(HttpResponse<String> response) {
    return HttpCalls.json(response).path("error");
  }
}
