package dev.live.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.server.LiveServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP requests to a test server's routes, each on a connection of its own (a kept-alive
 * connection can fail after an error reply, which would blame the next test step), with 10 s
 * deadlines.
 */
final class HttpCalls {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private HttpCalls() {}

  /** A request to {@code /live + path} on {@code server}, on loopback. */
  static HttpRequest.Builder route(LiveServer server, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/live" + path)).timeout(WAIT);
  }

  static HttpResponse<String> get(LiveServer server, String path) {
    return send(route(server, path).GET().build());
  }

  /** A JSON {@code body} posted with {@code headers}. */
  static HttpResponse<String> post(LiveServer server, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = route(server, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newBuilder().connectTimeout(WAIT).build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The response's body as JSON. */
  static JsonNode json(HttpResponse<String> response) {
    try {
      return WsClient.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }
}
