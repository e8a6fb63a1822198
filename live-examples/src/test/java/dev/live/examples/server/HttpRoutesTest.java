package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.Role;
import dev.live.examples.board.Task;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The HTTP routes under {@code /live}: health, one-shot queries and procedure calls for clients
 * that hold no socket, with errors as JSON and an HTTP status per code; authentication that
 * refuses anonymous callers here and refuses a WebSocket upgrade with 401.
 */
class HttpRoutesTest extends ServerTestBase {
  private static final int MAX_MESSAGE_BYTES = 8 * 1024;
  private static final String ANN = "Bearer token-ann";
  private static final String BOB = "Bearer token-bob";
  private static final String B1_TASKS = json("{'collection':'tasks','where':{'op':'eq','field':'boardId','value':'b1'}}");

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder
        .procedures(new TaskProcedures())
        .authenticate(handshake -> {
          String token = handshake.bearerToken().orElse("");
          switch (token) {
            case "":
              return AuthContext.anonymous();
            case "token-ann":
              return TeamScope.member("u1", "team1", Role.ADMIN);
            case "token-bob":
              return TeamScope.member("u2", "team1", Role.MEMBER);
            default:
              throw new LiveException(ErrorCode.UNAUTHENTICATED, "unknown or revoked token");
          }
        })
        .rules(Rules.none())
        .options(ServerOptions.builder().allowAnonymous(false).maxMessageBytes(MAX_MESSAGE_BYTES).build());
  }

  @Test
  void healthAnswersWithoutCredentialsWithTheLatestVersion() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(route("/health")).GET().build());
    JsonNode body = body(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(body.path("status").asText()).isEqualTo("up");
    assertThat(body.path("version").asLong()).isEqualTo(server.store().changes().latestVersion());
    assertThat(body.path("connections").isInt()).isTrue();
  }

  @Test
  void postedQueryReturnsWhatAWebSocketQueryReturns() {
    HttpResponse<String> response = post("/query", ANN, B1_TASKS);
    assertThat(response.statusCode()).as("body %s", response.body()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.path("rows")).extracting(row -> row.path("id").asText()).containsExactly("t1", "t2", "t3");
    assertThat(body.path("version").asLong()).isGreaterThan(0);

    WsClient ws = authenticated(ANN);
    assertThat(List.copyOf(toList(body.path("rows")))).isEqualTo(fresh(ws, B1_TASKS));
  }

  @Test
  void badQueriesAreTypedErrorsWithStatus400() {
    assertError(post("/query", ANN, "{\"collection\":"), 400, "MALFORMED_JSON");
    assertError(post("/query", ANN, ""), 400, "MALFORMED_JSON");
    assertError(post("/query", ANN, json("{'collection':'taks'}")), 400, "UNKNOWN_COLLECTION");
    assertError(post("/query", ANN, json("{'collection':'tasks','where':{'op':'eq','field':'titel','value':'x'}}")),
        400, "UNKNOWN_FIELD");
    HttpResponse<String> get = send(HttpRequest.newBuilder(route("/query")).header("Authorization", ANN).GET().build());
    assertThat(get.statusCode()).isBetween(400, 499);
    assertThat(body(get).path("error").path("code").asText()).isEqualTo("PROTOCOL_VIOLATION");
  }

  @Test
  void callRunsTheProcedureAndReturnsItsValue() {
    HttpResponse<String> count = post("/call/countOpen", ANN, "\"b1\"");
    assertThat(count.statusCode()).as("body %s", count.body()).isEqualTo(200);
    assertThat(body(count).path("value").asInt()).isEqualTo(2);

    HttpResponse<String> complete = post("/call/complete", BOB, json("{'taskId':'t2'}"));
    assertThat(complete.statusCode()).as("body %s", complete.body()).isEqualTo(200);
    assertThat(body(complete).path("value").path("status").asText()).isEqualTo("DONE");
    assertThat(body(complete).path("value").path("revision").asLong()).isEqualTo(2);
    assertThat(body(post("/call/countOpen", ANN, "\"b1\"")).path("value").asInt()).isEqualTo(1);

    HttpResponse<String> archive = post("/call/archiveBoard", ANN, "\"b1\"");
    assertThat(archive.statusCode()).as("body %s", archive.body()).isEqualTo(200);
    assertThat(body(archive).path("value").isNull()).isTrue();
    assertThat(boardTasks("b1")).isEmpty();
  }

  @Test
  void procedureErrorsMapToHttpStatuses() {
    assertError(post("/call/complete", ANN, json("{'taskId':'t404'}")), 404, "NOT_FOUND");
    assertError(post("/call/archiveBoard", BOB, "\"b1\""), 403, "FORBIDDEN");
    assertError(post("/call/archive", ANN, "\"b1\""), 400, "UNKNOWN_PROCEDURE");
    HttpResponse<String> wrongType = post("/call/countOpen", ANN, "5");
    assertError(wrongType, 400, "WRONG_TYPE");
    assertThat(body(wrongType).path("error").path("path").asText()).startsWith("input");
    assertError(post("/call/complete", ANN, json("{'taskId':'t1','extra':1}")), 400, "UNKNOWN_FIELD");
    assertError(post("/call/complete", ANN, "{}"), 400, "MISSING_FIELD");
    assertThat(boardTasks("b1")).extracting(Task::id).containsExactly("t1", "t2", "t3");
  }

  @Test
  void callWithClientIdAndSequenceRunsOnceAndTheRepeatIsAConflict() {
    HttpRequest call = HttpRequest.newBuilder(route("/call/complete"))
        .header("Authorization", ANN).header("Live-Client-Id", "cron-1").header("Live-Mutation-Seq", "1")
        .POST(HttpRequest.BodyPublishers.ofString(json("{'taskId':'t2'}"))).build();
    assertThat(send(call).statusCode()).isEqualTo(200);
    assertError(send(call), 409, "ALREADY_APPLIED");
    assertThat(task("t2").revision()).as("completed once").isEqualTo(2);
    assertThat(server.lastMutation(AuthContext.user("u1"), "cron-1")).isEqualTo(1);

    HttpRequest withoutClient = HttpRequest.newBuilder(route("/call/complete"))
        .header("Authorization", ANN).header("Live-Mutation-Seq", "2")
        .POST(HttpRequest.BodyPublishers.ofString(json("{'taskId':'t2'}"))).build();
    assertError(send(withoutClient), 400, "MISSING_FIELD");
    assertThat(task("t2").revision()).isEqualTo(2);
  }

  @Test
  void bodyOverTheMessageLimitIsRefused() {
    String big = json("{'collection':'tasks','where':{'op':'eq','field':'title','value':'")
        + "x".repeat(MAX_MESSAGE_BYTES) + "\"}}";
    HttpResponse<String> response = post("/query", ANN, big);
    assertThat(response.statusCode()).isIn(400, 413);
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
    assertThat(body(post("/call/countOpen", ANN, "\"" + "b".repeat(MAX_MESSAGE_BYTES) + "\"")).path("error")
        .path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
  }

  @Test
  void callersWithoutValidCredentialsAreUnauthenticated() {
    assertError(post("/query", null, B1_TASKS), 401, "UNAUTHENTICATED");
    assertError(post("/call/countOpen", null, "\"b1\""), 401, "UNAUTHENTICATED");
    HttpResponse<String> revoked = post("/query", "Bearer stolen", B1_TASKS);
    assertError(revoked, 401, "UNAUTHENTICATED");
    assertThat(post("/query", BOB, B1_TASKS).statusCode()).isEqualTo(200);
  }

  @Test
  void errorRepliedBeforeTheBodyIsReadLeavesAKeptAliveConnectionUsable() throws Exception {
    HttpClient keepAlive = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest unauthenticated = HttpRequest.newBuilder(route("/query")).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(B1_TASKS)).build();
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> response;
      try {
        response = keepAlive.send(unauthenticated, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new AssertionError("request " + i + " on a kept-alive connection failed", e);
      }
      assertThat(response.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void webSocketUpgradeIsRefusedWith401() {
    for (Map<String, String> headers : List.of(Map.of("Authorization", "Bearer stolen"), Map.<String, String>of())) {
      Throwable refused = catchThrowable(() -> WsClient.connect(uri(), headers));
      Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
      assertThat(cause).as("upgrade with %s", headers).isInstanceOf(WebSocketHandshakeException.class);
      assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(401);
    }
    assertThat(server.connectionCount()).isZero();
    WsClient ann = authenticated(ANN);
    assertThat(fresh(ann, B1_TASKS)).hasSize(3);
  }

  private List<Task> boardTasks(String boardId) {
    return store.list(TaskQuery.where(Task_.boardId.eq(boardId)).orderBy(Task_.id.asc()));
  }

  private Task task(String id) {
    return store.find(TaskQuery.all().one(id)).orElseThrow();
  }

  private WsClient authenticated(String authorization) {
    WsClient client = track(WsClient.connect(uri(), Map.of("Authorization", authorization)));
    client.hello(null);
    return client;
  }

  private URI route(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + "/live" + path);
  }

  private HttpResponse<String> post(String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(route(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /**
   * Sends on a connection of its own: a kept-alive connection can fail after an error reply (see
   * {@link #errorRepliedBeforeTheBodyIsReadLeavesAKeptAliveConnectionUsable}), and the other tests
   * pin other behaviour.
   */
  private static HttpResponse<String> send(HttpRequest request) {
    return HttpCalls.send(request);
  }

  private static JsonNode body(HttpResponse<String> response) {
    return HttpCalls.json(response);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    JsonNode error = body(response).path("error");
    assertThat(error.path("code").asText()).as("body %s", response.body()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
  }
}
