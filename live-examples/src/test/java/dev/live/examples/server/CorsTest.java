package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.live.auth.Rules;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CORS follows {@code allowedOrigins}: a page from a listed origin (a Vite dev server) may read the
 * browser's files and call the HTTP routes, and its preflights are answered; any other origin gets
 * no CORS headers, and its calls are still refused.
 */
class CorsTest extends ServerTestBase {
  private static final String DEV = "http://localhost:5173";
  private static final String QUERY = "{\"collection\":\"teams\"}";

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none()).options(ServerOptions.builder().allowedOrigins(DEV).build());
  }

  @Test
  void aListedOriginMayReadTheBrowserFilesAndTheSchema() {
    for (String file : List.of("/schema.json", "/client.js", "/schema.d.ts")) {
      HttpResponse<String> response = HttpCalls.send(HttpCalls.route(server, file).header("Origin", DEV).GET().build());
      assertThat(response.statusCode()).as(file).isEqualTo(200);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(file).contains(DEV);
      assertThat(response.headers().allValues("Vary")).as(file).anyMatch(vary -> vary.contains("Origin"));
    }
  }

  @Test
  void aListedOriginMayCallTheRoutesAndReadTheAnswer() {
    HttpResponse<String> response = HttpCalls.post(server, "/query", Map.of("Origin", DEV), QUERY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(DEV);
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
  }

  @Test
  void aPreflightFromAListedOriginIsAnsweredWithTheMethodsAndHeadersTheRoutesTake() {
    for (String route : List.of("/query", "/call/openTasks")) {
      HttpResponse<String> response = HttpCalls.send(preflight(route, DEV));
      assertThat(response.statusCode()).as(route).isEqualTo(200);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(route).contains(DEV);
      assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).as(route)
          .contains("POST");
      assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).as(route)
          .contains("content-type").contains("authorization").contains("live-client-id").contains("live-mutation-seq");
    }
  }

  @Test
  void anotherOriginGetsNoCorsHeadersAndItsCallsAreStillRefused() {
    String other = "https://evil.example.com";
    HttpResponse<String> schema = HttpCalls.send(HttpCalls.route(server, "/schema.json").header("Origin", other)
        .GET().build());
    assertThat(schema.headers().firstValue("Access-Control-Allow-Origin")).as("schema.json").isEmpty();

    HttpResponse<String> preflight = HttpCalls.send(preflight("/query", other));
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("preflight").isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).as("preflight").isEmpty();

    HttpResponse<String> query = HttpCalls.post(server, "/query", Map.of("Origin", other), QUERY);
    assertThat(query.headers().firstValue("Access-Control-Allow-Origin")).as("query").isEmpty();
    assertThat(HttpCalls.json(query).path("error").path("code").asText()).as(query.body())
        .isEqualTo("ORIGIN_NOT_ALLOWED");
  }

  @Test
  void aRequestWithoutAnOriginGetsNoCorsHeaders() {
    HttpResponse<String> response = HttpCalls.post(server, "/query", Map.of(), QUERY);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void pathsOutsideLivesAreLeftToTheApplication() {
    HttpResponse<String> response = HttpCalls.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/orders")).timeout(Duration.ofSeconds(10))
        .header("Origin", DEV).header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(response.statusCode()).as("not answered by Live").isEqualTo(404);
  }

  private HttpRequest preflight(String route, String origin) {
    return HttpCalls.route(server, route).header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type, authorization, live-client-id, live-mutation-seq")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
  }
}
