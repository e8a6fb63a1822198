package dev.live.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardServer;
import dev.live.examples.board.SessionTokens;
import dev.live.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The board app as {@code BoardApp} wires it, on an in-memory H2 database with the demo data and
 * a free loopback port: team Core (Ann, admin; Bob; Cat) has boards launch (task-1 to task-5)
 * and website (task-6 to task-8); team Growth (Dan, admin; Eve) has campaigns (task-9 to
 * task-12). Clients are closed after each test.
 */
abstract class BoardAppTestBase {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final ObjectMapper JSON = new ObjectMapper();

  final SessionTokens tokens = SessionTokens.random();
  BoardServer app;
  private final List<LiveClient> clients = new ArrayList<>();

  @BeforeEach
  void startApp() {
    app = BoardServer.start(Database.h2Memory("board-app-" + UUID.randomUUID()), tokens,
        new BoardServer.Options("127.0.0.1", 0, Set.of()));
  }

  @AfterEach
  void stopApp() {
    clients.forEach(LiveClient::close);
    if (app != null) {
      app.close();
    }
  }

  /** A client of the demo user {@code userId}, with a token the app issued. */
  LiveClient as(String userId) {
    return client(tokens.issue(userId));
  }

  /** A client presenting {@code token} as a bearer token, or anonymous when null. */
  LiveClient client(String token) {
    ClientOptions.Builder options = ClientOptions.builder().connectTimeout(Duration.ofSeconds(5));
    if (token != null) {
      options.header("Authorization", "Bearer " + token);
    }
    LiveClient client = LiveClient.connect(URI.create("ws://127.0.0.1:" + app.server().port() + "/live"),
        AppSchema.INSTANCE, options.build());
    clients.add(client);
    return client;
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + app.server().port() + path);
  }

  /** Posts {@code body} to {@code path}, with {@code authorization} unless null. */
  HttpResponse<String> post(String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** Wire JSON written with single quotes, for readability. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
