package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With {@code allowedOrigins} set, a WebSocket upgrade connects only from a listed origin,
 * compared exactly: any other, a look-alike, or none is refused with 403 and a typed error before
 * the upgrade and before the authenticator runs.
 */
class OriginTest extends ServerTestBase {
  private static final String APP = "https://app.example.com";
  private static final String DEV = "http://localhost:5173";

  private final AtomicInteger authentications = new AtomicInteger();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .authenticate(handshake -> {
          authentications.incrementAndGet();
          return AuthContext.anonymous();
        })
        .rules(Rules.none())
        .options(ServerOptions.builder().allowedOrigins(APP, DEV).build());
  }

  @Test
  void listedOriginsConnectAndAreServed() {
    for (String origin : List.of(APP, DEV)) {
      WsClient client = track(WsClient.connect(uri(), Map.of("Origin", origin)));
      client.hello(null);
      JsonNode pong = client.request("p", "{\"type\":\"ping\",\"id\":\"p\"}");
      assertThat(pong.path("type").asText()).as("from %s", origin).isEqualTo("pong");
    }
    assertThat(server.connectionCount()).isEqualTo(2);
    assertThat(authentications).as("each connection authenticated once").hasValue(2);
  }

  @Test
  void otherAndLookAlikeOriginsAreRefusedWith403BeforeTheUpgrade() {
    for (String origin : List.of(
        "https://evil.example.com",
        "https://app.example.com.evil.com", // the listed one as a prefix
        "https://evil-app.example.com",
        "https://example.com",              // a suffix of the listed one
        "https://app.example.com:8443",     // another port
        "http://app.example.com",           // another scheme
        "https://APP.example.com",          // compared exactly, as browsers write origins
        "https://app.example.com/",
        "http://localhost:5174",
        "null")) {                          // what sandboxed frames and file: pages send
      assertRefused(Map.of("Origin", origin), origin);
    }
    assertThat(server.connectionCount()).isZero();
    assertThat(authentications).as("refused before authentication").hasValue(0);
  }

  @Test
  void upgradeWithoutAnOriginIsRefusedWith403() {
    JsonNode error = assertRefused(Map.of(), null);
    assertThat(error.path("message").asText()).contains("no Origin header");
    assertThat(server.connectionCount()).isZero();
    assertThat(authentications).hasValue(0);
  }

  @Test
  void upgradeWithTwoOriginsIsRefusedEvenIfOneIsListed() throws IOException {
    String reply = rawUpgrade("Origin: " + APP + "\r\nOrigin: https://evil.example.com\r\n");
    assertThat(reply).startsWith("HTTP/1.1 403");
    assertThat(reply).contains("\"code\":\"ORIGIN_NOT_ALLOWED\"");
    String listed = rawUpgrade("Origin: " + APP + "\r\n");
    assertThat(listed).as("the same request with one listed origin").startsWith("HTTP/1.1 101");
  }

  /** The origin list guards WebSocket upgrades; the HTTP routes answer without an Origin. */
  @Test
  void httpRoutesAreNotOriginChecked() throws Exception {
    HttpResponse<String> health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/live/health"))
            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  /** Checks that an upgrade with {@code headers} is refused with 403 {@code ORIGIN_NOT_ALLOWED}; returns the error. */
  private JsonNode assertRefused(Map<String, String> headers, String origin) {
    Throwable refused = catchThrowable(() -> track(WsClient.connect(uri(), headers)));
    Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
    assertThat(cause).as("upgrade from %s", origin).isInstanceOf(WebSocketHandshakeException.class);
    HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
    assertThat(response.statusCode()).as("status for %s", origin).isEqualTo(403);
    JsonNode error;
    try {
      error = WsClient.JSON.readTree(String.valueOf(response.body())).path("error");
    } catch (IOException e) {
      throw new AssertionError("the 403 body is not JSON: " + response.body(), e);
    }
    assertThat(error.path("code").asText()).as("body for %s: %s", origin, response.body())
        .isEqualTo("ORIGIN_NOT_ALLOWED");
    assertThat(error.path("message").asText()).isNotBlank();
    if (origin != null) {
      assertThat(error.path("message").asText()).contains(origin);
    }
    return error;
  }

  /**
   * Sends an upgrade request with {@code extraHeaders} on a plain socket (the JDK client cannot
   * send a header twice) and returns what the server answers, up to 64 KiB within 10 s.
   */
  private String rawUpgrade(String extraHeaders) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /live HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      // A refusal closes the connection after its body; an upgrade leaves it open after the headers.
      while (reply.size() < 64 * 1024) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        reply.write(buffer, 0, read);
        String text = reply.toString(StandardCharsets.ISO_8859_1);
        if (text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n")) {
          break;
        }
      }
      return reply.toString(StandardCharsets.UTF_8);
    }
  }
}
