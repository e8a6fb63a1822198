package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.auth.Rules;
import dev.live.examples.board.TaskProcedures;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.server.FatalErrorPolicy;
import dev.live.server.LiveServer;
import dev.live.server.ServerOptions;
import dev.live.storage.StoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link FatalErrorPolicy#stopServer}, for applications that embed the server and for tests: after
 * an {@code Error} in one of its parts the server stops and the JVM runs on. Health is red with
 * the reason, connections are closed with 1011, new upgrades and requests are refused with 503
 * {@code SERVER_STOPPED}, and the application hears of the error.
 */
class FatalErrorStopTest extends ServerTestBase {
  private static final String TASKS_OF_B1 = "{\"collection\":\"tasks\",\"where\":{\"boardId\":{\"eq\":\"b1\"}}}";

  private final FatalFaults faults = new FatalFaults();
  private final CompletableFuture<Throwable> stopped = new CompletableFuture<>();

  @Override
  StoreOptions storeOptions() {
    return StoreOptions.builder().statementObserver(faults.observer()).build();
  }

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none()).procedures(new TaskProcedures()).middleware(faults.middleware())
        .authenticate(faults.authenticator())
        .options(ServerOptions.builder().fatalErrorPolicy(FatalErrorPolicy.stopServer(stopped::complete)).build());
  }

  @Test
  void anErrorOnTheChangeTailStopsTheServerAndTheJvmRunsOn() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", TASKS_OF_B1);
    assertThat(health()).startsWith("200");
    faults.armTail();
    watcher.send(WsClient.mutation("m1", 1, "insert", "tasks", null, ServerTestBase.json(
        ServerTestBase.task("t90", "b1", "TODO", 9))));

    assertStopped(watcher, "live-change-tail");
  }

  @Test
  void anOutOfMemoryErrorInAProcedureStopsTheServerAndTheJvmRunsOn() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", TASKS_OF_B1);
    faults.armWorker();
    client().send("{\"type\":\"call\",\"id\":\"c1\",\"procedure\":\"countOpen\",\"input\":\"b1\"}");

    assertStopped(watcher, "live-worker-");
  }

  @Test
  void anOutOfMemoryErrorInAGroupCommitRollsItBackThenStopsTheServer() throws Exception {
    WsClient writer = client();
    faults.armWorker(); // a client's insert runs its middlewares on a committer thread
    writer.send(WsClient.mutation("m1", 1, "insert", "tasks", null, ServerTestBase.json(
        ServerTestBase.task("t91", "b1", "TODO", 9))));

    assertStopped(writer, "live-commit-");
    // Answered before the server stopped, unless the close overtook the answer: never as applied.
    assertThat(writer.messagesOf("m1")).allSatisfy(reply ->
        assertThat(reply.path("status").asText()).as("the answer to the insert: %s", reply).isEqualTo("rejected"));
    assertThat(store.list(TaskQuery.where(Task_.id.eq("t91")))).as("nothing was written").isEmpty();
  }

  @Test
  void anOutOfMemoryErrorOnAJettyThreadStopsTheServer() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", TASKS_OF_B1);
    faults.armUpgrade();
    assertThatThrownBy(() -> WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/live")))
        .as("the upgrade that met the error").isNotNull();

    assertStopped(watcher, "qtp");
  }

  @Test
  void anOutOfMemoryErrorInAProcedureCalledOverHttpStopsTheServer() throws Exception {
    WsClient watcher = client();
    watcher.subscribe("s1", TASKS_OF_B1);
    faults.armWorker(); // over HTTP, the call runs on the Jetty thread that took the request
    assertThat(post("/live/call/countOpen", "\"b1\"")).as("the call that met the error").doesNotStartWith("200");

    assertStopped(watcher, "qtp");
  }

  private void assertStopped(WsClient watcher, String thread) throws Exception {
    assertThat(stopped.get(30, TimeUnit.SECONDS)).as("the error the application hears of")
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(watcher.closed.get(10, TimeUnit.SECONDS)[0]).as("close code").isEqualTo(1011);
    assertThat(watcher.closeReason.get(10, TimeUnit.SECONDS)).contains("internal error");
    assertThat(health()).startsWith("503").contains("\"status\":\"down\"")
        .contains("fatal OutOfMemoryError on thread " + thread).doesNotContain("test:");
    assertThat(post("/live/query", "{\"query\":" + TASKS_OF_B1 + "}")).startsWith("503").contains("SERVER_STOPPED");
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/live"), new WebSocket.Listener() { })
        .get(10, TimeUnit.SECONDS))
        .as("a new connection").hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
            .isEqualTo(503));
  }

  private String health() {
    HttpResponse<String> response = HttpCalls.get(server, "/health");
    return response.statusCode() + " " + response.body();
  }

  private String post(String path, String body) {
    HttpResponse<String> response = HttpCalls.send(HttpCalls.route(server, path.substring("/live".length()))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    return response.statusCode() + " " + response.body();
  }

  private WsClient client() {
    return client(null);
  }
}
